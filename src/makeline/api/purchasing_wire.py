"""Purchase order rows on the wire (shared by /purchase_orders and /purchase_order_rows):
the answer object, and a request row as purchasing's PurchaseRowSpec."""

from typing import Any

from makeline.api.common import number, referenced
from makeline.api.schemas.purchasing import PurchaseOrderRowRequest
from makeline.catalog.models import TaxRate, Variant
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow
from makeline.purchasing.services import PurchaseRowSpec


def row_out(row: PurchaseOrderRow, order: PurchaseOrder) -> dict[str, Any]:
    """Katana's PurchaseOrderRow; amounts per purchase unit, in the order's currency."""
    total = number(row.total)
    out: dict[str, Any] = {
        "id": row.pk,
        "quantity": number(row.quantity),
        "variant_id": row.variant_id,
        "price_per_unit": number(row.price_per_unit),
        "price_per_unit_in_base_currency": number(row.price_per_unit),
        "purchase_uom_conversion_rate": number(row.purchase_uom_conversion_rate),
        "purchase_uom": row.purchase_uom or None,
        "currency": order.currency,
        "conversion_rate": None,
        "total": total,
        "total_in_base_currency": total,
        "conversion_date": None,
        "received_date": row.received_date,
        "arrival_date": row.arrival_date,
        "batch_transactions": [],
        "purchase_order_id": order.pk,
        "location_id": order.location_id,
        "landed_cost": total,  # no additional costs yet: landed cost is the row total
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "deleted_at": None,
    }
    if row.tax_rate_id is not None:  # Katana types it as a plain integer
        out["tax_rate_id"] = row.tax_rate_id
    return out


def row_spec(body: PurchaseOrderRowRequest) -> PurchaseRowSpec:
    return PurchaseRowSpec(
        variant=variant(body.variant_id),
        quantity=body.quantity,
        price_per_unit=body.price_per_unit,
        tax_rate=tax_rate(body.tax_rate_id),
        arrival_date=body.arrival_date,
        purchase_uom=body.purchase_uom,
        purchase_uom_conversion_rate=body.purchase_uom_conversion_rate,
    )


def variant(pk: int) -> Variant:
    live = Variant.objects.select_related("item").filter(deleted_at__isnull=True)
    return referenced(live, pk, field="variant_id")


def tax_rate(pk: int | None) -> TaxRate | None:
    return None if pk is None else referenced(TaxRate.objects.all(), pk, field="tax_rate_id")
