"""The side-by-side workload, defined once as neutral data so both systems see the same shop.

Standard library only: the Tryton driver imports this from Tryton's own virtualenv and the
Makeline driver from the project's. The shape is peers.md §4 (3-level BOMs): a finished
product = 3 subassemblies (1-2 each) + 2 materials (1-3 each); a subassembly = 4 materials
(1-4 each); materials are bought from one supplier with a 3/7/14-day lead time; half of
them start with 0-50 on hand; each sales order has `lines` rows of 1-5 units of distinct
finished products, due 10-40 days out. Indexes below point into the item lists.
"""

import random
from dataclasses import dataclass, field

SUBS_PER_FINISHED, MATERIALS_PER_SUB, MATERIALS_PER_FINISHED = 3, 4, 2
LEAD_DAYS = (3, 7, 14)

type Lines = list[tuple[int, int]]  # (index, quantity)


@dataclass(frozen=True, slots=True)
class Shape:
    finished: int = 50
    subassemblies: int = 100
    materials: int = 300
    sales: int = 200
    lines: int = 3

    @classmethod
    def parse(cls, text: str) -> "Shape":
        """`50,100,300,200,3` (finished, subassemblies, materials, sales orders, lines)."""
        return cls(*(int(part) for part in text.split(",")))

    def __str__(self) -> str:
        return (
            f"{self.finished} finished / {self.subassemblies} subassemblies / "
            f"{self.materials} materials, {self.sales} sales orders × {self.lines} rows"
        )


@dataclass(slots=True)
class Workload:
    shape: Shape
    lead_days: list[int] = field(default_factory=list)  # per material
    sub_boms: list[Lines] = field(default_factory=list)  # per subassembly: materials
    finished_subs: list[Lines] = field(default_factory=list)  # per finished: subassemblies
    finished_materials: list[Lines] = field(default_factory=list)  # per finished: materials
    opening: Lines = field(default_factory=list)  # (material, on hand), zeros left out
    sales: list[tuple[int, Lines]] = field(default_factory=list)  # (due in days, lines)


def build(shape: Shape, seed: int = 42) -> Workload:
    """The same workload for the same shape and seed, on any Python."""
    rnd = random.Random(seed)
    work = Workload(shape)
    work.lead_days = [rnd.choice(LEAD_DAYS) for _ in range(shape.materials)]
    materials, subs = range(shape.materials), range(shape.subassemblies)
    for _ in subs:
        work.sub_boms.append(
            [(m, rnd.randint(1, 4)) for m in rnd.sample(materials, MATERIALS_PER_SUB)]
        )
    for _ in range(shape.finished):
        work.finished_subs.append(
            [(s, rnd.randint(1, 2)) for s in rnd.sample(subs, SUBS_PER_FINISHED)]
        )
        work.finished_materials.append(
            [(m, rnd.randint(1, 3)) for m in rnd.sample(materials, MATERIALS_PER_FINISHED)]
        )
    for m in range(shape.materials // 2):
        quantity = rnd.randint(0, 50)
        if quantity:
            work.opening.append((m, quantity))
    finished = range(shape.finished)
    for _ in range(shape.sales):
        lines = [(f, rnd.randint(1, 5)) for f in rnd.sample(finished, shape.lines)]
        work.sales.append((rnd.randint(10, 40), lines))
    return work
