"""Our extension (not in Katana's API): why a sales order row has its availability, and
what making a row (or a whole order) lacks.

- GET /sales_order_rows/{id}/explanation: the planning engine's explanation of the row —
  plain sentences plus the structured `takes` (earlier-served demand that took what this
  row lacked), `covered_by` (this row's own coverage) and `missing`;
- GET /sales_order_rows/{id}/missing_materials and GET /sales_orders/{id}/missing_materials:
  Katana's "missing materials list", one line per ingredient (per row for an order).
"""

from typing import Any

from django.http import HttpRequest

from makeline.api.common import get_or_404, new_router, number
from makeline.api.sales_wire import wire_date
from makeline.api.schemas.fulfillments import (
    MissingMaterialListResponse,
    SalesOrderRowExplanation,
)
from makeline.planning import selectors as plan
from makeline.sales.models import SalesOrder, SalesOrderRow

router = new_router("Makeline extension: planning explanations")

NOT_PLANNED = (
    "This row is not planned (it belongs to a quote or a fulfilled order, or it is a "
    "service), so nothing is allocated to it."
)


@router.get(
    "/sales_order_rows/{int:id}/explanation",
    response=SalesOrderRowExplanation,
    operation_id="explainSalesOrderRow",
)
def explain_row(request: HttpRequest, id: int) -> dict[str, Any]:
    row = get_or_404(SalesOrderRow.objects.select_related("sales_order"), id)
    why = plan.explanation(f"so:{row.pk}")
    status = plan.sales_row_statuses([row])[row.pk].product
    out: dict[str, Any] = {
        "sales_order_row_id": row.pk,
        "sales_order_id": row.sales_order_id,
        "order_no": row.sales_order.order_no,
        "variant_id": row.variant_id,
        "location_id": row.sales_order.location_id,
        "quantity": number(row.quantity),
        "product_availability": status.status,
        "product_expected_date": wire_date(status.expected_date),
    }
    if why is None:
        return out | {
            "planned": False,
            "sentences": [NOT_PLANNED],
            "takes": [],
            "covered_by": [],
            "missing": 0,
        }
    return out | {
        "planned": True,
        "position": why.why.position,
        "sentences": why.sentences(),
        "takes": [
            {
                "demand_id": take.demand_id,
                "demand": why.label(take.demand_id),
                "supply_id": take.supply_id,
                "supply": why.label(take.supply_id),
                "quantity": number(take.quantity),
                "available_date": wire_date(take.available_on),
            }
            for take in why.why.taken_before
        ],
        "covered_by": [
            {
                "supply_id": piece.supply_id,
                "supply": why.label(piece.supply_id),
                "quantity": number(piece.quantity),
                "available_date": wire_date(piece.available_on),
            }
            for piece in why.why.covered_by
        ],
        "missing": number(why.why.missing),
    }


@router.get(
    "/sales_order_rows/{int:id}/missing_materials",
    response=MissingMaterialListResponse,
    operation_id="getSalesOrderRowMissingMaterials",
)
def row_missing_materials(request: HttpRequest, id: int) -> dict[str, Any]:
    row = get_or_404(SalesOrderRow.objects.all(), id)
    return {"data": _lines(row)}


@router.get(
    "/sales_orders/{int:id}/missing_materials",
    response=MissingMaterialListResponse,
    operation_id="getSalesOrderMissingMaterials",
)
def order_missing_materials(request: HttpRequest, id: int) -> dict[str, Any]:
    order = get_or_404(SalesOrder.objects.all(), id)
    return {"data": [line for row in order.rows.all() for line in _lines(row)]}


def _lines(row: SalesOrderRow) -> list[dict[str, Any]]:
    return [
        {
            "sales_order_row_id": row.pk,
            "variant_id": line.variant.pk,
            "sku": line.variant.sku or None,
            "name": line.variant.display_name,
            "required": number(line.required),
            "in_stock": number(line.in_stock),
            "expected": number(line.expected),
            "missing": number(line.missing),
            "ingredient_availability": line.status,
            "ingredient_expected_date": wire_date(line.expected_date),
            "default_supplier_id": line.default_supplier_id,
            "can_be_made": line.can_be_made,
        }
        for line in plan.missing_materials_for_row(row)
    ]
