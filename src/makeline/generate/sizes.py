"""The shop sizes `makeline generate` knows, and what each one holds.

Counts are targets the generator meets exactly for documents (sales orders, MOs, purchase
orders) and approximately for rows (recipe rows follow from the BOM widths). Size T is
for tests; S, M and L are the issue's sizes (1k / 10k / 100k open sales orders).
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Size:
    name: str
    sales_orders: int
    manufacturing_orders: int
    purchase_orders: int
    products: int  # finished, sellable
    subassemblies: int  # producible, not sold
    materials: int  # bought
    customers: int
    suppliers: int
    depth: int  # subassembly levels below a finished product
    bom_width: tuple[int, int]  # ingredients per BOM (min, max)
    rows_per_order: tuple[int, int]  # sales order rows (min, max)
    rows_per_purchase: tuple[int, int]

    @property
    def items(self) -> int:
        return self.products + self.subassemblies + self.materials


SIZES: dict[str, Size] = {
    "T": Size("T", 12, 10, 4, 6, 6, 20, 4, 2, 2, (3, 5), (1, 3), (1, 3)),
    "S": Size("S", 1_000, 1_000, 200, 100, 100, 300, 100, 10, 2, (6, 12), (1, 4), (1, 8)),
    "M": Size(
        "M", 10_000, 10_000, 2_000, 1_000, 1_000, 3_000, 1_000, 50, 3, (6, 14), (1, 4), (1, 8)
    ),
    "L": Size(
        "L", 100_000, 100_000, 20_000, 4_000, 4_000, 12_000, 10_000, 200, 4, (6, 14), (1, 4), (1, 8)
    ),
}
