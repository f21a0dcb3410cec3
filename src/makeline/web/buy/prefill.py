"""What the new-purchase-order form starts with when another screen sends the user here.

- `?variant=<id>&quantity=<q>[&supplier=<id>][&location=<id>]`: one row; q is in STOCK
  units (what is missing) and becomes whole purchase units, at least the minimum order.
- `?from_mo=<MO id>&supplier=<id>` and `?from_row=<sales row id>&supplier=<id>`: one row
  per missing ingredient (planning's missing-materials list, `missing` > 0) whose item's
  default supplier is that supplier, so one click buys everything that supplier lacks.

Only reads; unknown ids are ignored (the form then simply starts emptier).
"""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from django.db.models import Model, QuerySet
from django.http import QueryDict

from makeline.catalog.models import Location, Supplier, Variant
from makeline.common.fields import ZERO
from makeline.planning import selectors as planning
from makeline.production.models import ManufacturingOrder
from makeline.sales.models import SalesOrderRow
from makeline.web.buy.selectors import purchasable_variants


@dataclass(frozen=True, slots=True)
class PrefillRow:
    variant: Variant
    quantity: Decimal  # purchase units


@dataclass(slots=True)
class Prefill:
    supplier: Supplier | None = None
    location: Location | None = None
    rows: list[PrefillRow] = field(default_factory=list)
    source: str = ""


def purchase_quantity(variant: Variant, stock_quantity: Decimal) -> Decimal:
    """Whole purchase units covering `stock_quantity` stock units, at least the variant's
    minimum order quantity (and at least one unit)."""
    rate = variant.item.conversion_rate
    units = max(Decimal(1), (stock_quantity / rate).to_integral_value(rounding=ROUND_CEILING))
    minimum = variant.minimum_order_quantity
    return max(units, minimum) if minimum else units


def prefill(params: QueryDict) -> Prefill:
    result = Prefill(
        supplier=_get(Supplier.objects.filter(deleted_at__isnull=True), _text(params, "supplier")),
        location=_get(
            Location.objects.filter(deleted_at__isnull=True, purchase_allowed=True),
            _text(params, "location"),
        ),
    )
    if params.get("from_mo"):
        _from_mo(result, str(params["from_mo"]))
    elif params.get("from_row"):
        _from_row(result, str(params["from_row"]))
    elif params.get("variant"):
        _one_variant(result, str(params["variant"]), str(params.get("quantity", "")))
    return result


def _one_variant(result: Prefill, variant_id: str, quantity: str | None) -> None:
    variant = _get(purchasable_variants(), variant_id)
    if variant is None:
        return
    needed = _decimal(quantity)
    result.rows.append(PrefillRow(variant, purchase_quantity(variant, needed or ZERO)))
    if result.supplier is None and variant.item.default_supplier_id:
        result.supplier = Supplier.objects.filter(pk=variant.item.default_supplier_id).first()


def _from_mo(result: Prefill, mo_id: str) -> None:
    mo = _get(ManufacturingOrder.objects.select_related("location"), mo_id)
    if mo is None:
        return
    result.source = f"missing materials of {mo.order_no}"
    if result.location is None and mo.location.purchase_allowed:
        result.location = mo.location
    _missing(result, planning.missing_materials_for_mo(mo))


def _from_row(result: Prefill, row_id: str) -> None:
    row = _get(SalesOrderRow.objects.select_related("sales_order__location"), row_id)
    if row is None:
        return
    result.source = f"missing materials of {row.sales_order.order_no}"
    location = row.sales_order.location
    if result.location is None and location.purchase_allowed:
        result.location = location
    _missing(result, planning.missing_materials_for_row(row))


def _missing(result: Prefill, lines: list[planning.MissingLine]) -> None:
    supplier_id = result.supplier.pk if result.supplier else None
    for line in lines:
        if line.missing <= 0 or not line.variant.item.is_purchasable:
            continue
        if supplier_id is not None and line.default_supplier_id != supplier_id:
            continue
        result.rows.append(PrefillRow(line.variant, purchase_quantity(line.variant, line.missing)))


def _get[M: Model](qs: QuerySet[M], pk: str | None) -> M | None:
    if not pk or not str(pk).isdigit():
        return None
    return qs.filter(pk=int(pk)).first()


def _decimal(text: str | None) -> Decimal | None:
    try:
        value = Decimal(text or "")
    except InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def _text(params: QueryDict, name: str) -> str:
    return str(params.get(name, ""))
