"""BOM graph helpers (pure functions over ingredient edges): cycle search and explosion."""

from collections.abc import Iterable, Mapping
from decimal import Decimal

type Edges = Mapping[int, Iterable[int]]


def path_between(edges: Edges, start: int, goal: int) -> list[int] | None:
    """A path start → … → goal following ingredient edges, or None (iterative DFS)."""
    stack: list[tuple[int, list[int]]] = [(start, [start])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node == goal:
            return path
        if node in seen:
            continue
        seen.add(node)
        stack.extend((child, [*path, child]) for child in edges.get(node, ()))
    return None


def cycle_if_added(edges: Edges, product: int, ingredient: int) -> list[int] | None:
    """The cycle that adding product → ingredient would close, as a list of variant ids."""
    if product == ingredient:
        return [product, product]
    back = path_between(edges, ingredient, product)
    return [product, *back] if back else None


def explode(
    rows: Mapping[int, list[tuple[int, Decimal]]], product: int, quantity: Decimal
) -> dict[int, Decimal]:
    """Total quantity of every leaf ingredient needed for `quantity` of `product`."""
    totals: dict[int, Decimal] = {}
    stack = [(product, quantity)]
    while stack:
        variant, needed = stack.pop()
        children = rows.get(variant)
        if not children:
            if variant != product:
                totals[variant] = totals.get(variant, Decimal(0)) + needed
            continue
        stack.extend((child, needed * per_unit) for child, per_unit in children)
    return totals
