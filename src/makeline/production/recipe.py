"""Recipe rows of one MO: add, edit, delete while the MO is not done.

This is how a job shop builds a one-off custom job: the MO's rows change, the product's
BOM never does (Katana §1.7). A row whose ingredient was already consumed by a production
keeps its ingredient and cannot be deleted until that production is reverted.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Max

from makeline.catalog.models import Variant
from makeline.common.errors import Conflict, DomainError, InvalidQuantity
from makeline.common.unit_of_work import atomic_service, touch
from makeline.production import selectors
from makeline.production.models import ManufacturingOrder, RecipeRow
from makeline.production.rules import check_ingredient, check_not_done, lock


@atomic_service
def add_recipe_row(
    *,
    mo: ManufacturingOrder,
    variant: Variant,
    planned_quantity_per_unit: Decimal,
    total_actual_quantity: Decimal | None = None,
    notes: str = "",
) -> RecipeRow:
    lock(mo)
    check_not_done(mo, what="its ingredients")
    check_ingredient(variant, product=mo.variant)
    _check_quantities(planned_quantity_per_unit, total_actual_quantity)
    last = mo.recipe_rows.aggregate(p=Max("position"))["p"] or 0
    row = RecipeRow.objects.create(
        manufacturing_order=mo,
        variant=variant,
        planned_quantity_per_unit=planned_quantity_per_unit,
        total_actual_quantity=total_actual_quantity,
        notes=notes,
        position=last + 1,
    )
    touch(variant.pk, mo.location_id)
    return row


_UPDATABLE = frozenset({"planned_quantity_per_unit", "total_actual_quantity", "variant", "notes"})


@atomic_service
def update_recipe_row(*, recipe_row: RecipeRow, changes: dict[str, Any]) -> RecipeRow:
    mo = lock(recipe_row.manufacturing_order)
    recipe_row.refresh_from_db()
    unknown = sorted(set(changes) - _UPDATABLE)
    if unknown:
        raise DomainError(f"{unknown[0]} cannot be changed here", field=unknown[0])
    check_not_done(mo, what="its ingredients")
    variant = changes.get("variant", recipe_row.variant)
    if variant != recipe_row.variant:
        check_ingredient(variant, product=mo.variant)
        if selectors.is_consumed(recipe_row):
            raise Conflict(
                "this ingredient was already consumed; revert the production first",
                field="variant_id",
            )
    _check_quantities(
        changes.get("planned_quantity_per_unit", recipe_row.planned_quantity_per_unit),
        changes.get("total_actual_quantity", recipe_row.total_actual_quantity),
    )
    touch(recipe_row.variant_id, mo.location_id)
    for key, value in changes.items():
        setattr(recipe_row, key, value)
    recipe_row.save()
    touch(recipe_row.variant_id, mo.location_id)
    return recipe_row


@atomic_service
def delete_recipe_row(*, recipe_row: RecipeRow) -> None:
    mo = lock(recipe_row.manufacturing_order)
    check_not_done(mo, what="its ingredients")
    if selectors.is_consumed(recipe_row):
        raise Conflict(
            "this ingredient was already consumed; revert the production first", field="id"
        )
    touch(recipe_row.variant_id, mo.location_id)
    recipe_row.delete()


def _check_quantities(per_unit: Decimal, total_actual: Decimal | None) -> None:
    if per_unit is None or per_unit < 0:
        raise InvalidQuantity(
            "planned quantity per unit must not be negative", field="planned_quantity_per_unit"
        )
    if total_actual is not None and total_actual < 0:
        raise InvalidQuantity("actual quantity must not be negative", field="total_actual_quantity")
