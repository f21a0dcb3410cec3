"""Read models of the Buy screen: the order list per status, the card, and the item search.

Query-constant: a list page costs a count, the page of orders and one query for the totals
of its rows, whatever its length. Totals are summed in Python (SQLite would multiply
decimals in floating point), rounded like `purchasing.selectors.order_totals`.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import SupplierAddress, Variant
from makeline.common.fields import QUANTITY_PLACES, ZERO
from makeline.purchasing import selectors as purchasing
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow

P = PurchaseOrderStatus
PAGE_SIZE: Final = 50
TABS: Final = (P.DRAFT, P.NOT_RECEIVED, P.PARTIALLY_RECEIVED, P.RECEIVED)
_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)


@dataclass(frozen=True, slots=True)
class ListedOrder:
    order: PurchaseOrder
    total: Decimal


def order_list(
    status: str, page_number: str | int | None
) -> tuple[Page[PurchaseOrder], list[ListedOrder]]:
    """One page (50) of the orders in `status`, newest first, with their totals incl. tax."""
    qs = purchasing.orders_by_status(status).order_by("-order_created_date", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(page_number)
    orders = list(page.object_list)
    totals = _totals([o.pk for o in orders])
    return page, [ListedOrder(o, totals.get(o.pk, ZERO)) for o in orders]


def _totals(order_ids: list[int]) -> dict[int, Decimal]:
    if not order_ids:
        return {}
    subtotal: dict[int, Decimal] = defaultdict(Decimal)
    tax: dict[int, Decimal] = defaultdict(Decimal)
    rows = PurchaseOrderRow.objects.filter(purchase_order_id__in=order_ids).values_list(
        "purchase_order_id", "quantity", "price_per_unit", "tax_rate__rate"
    )
    for order_id, quantity, price, rate in rows:
        line = quantity * price
        subtotal[order_id] += line
        if rate is not None:
            tax[order_id] += line * rate / 100
    return {k: _round(v) + _round(tax[k]) for k, v in subtotal.items()}


def _round(value: Decimal) -> Decimal:
    return value.quantize(_PLACES, rounding=ROUND_HALF_UP)


# --- the card -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardRow:
    row: PurchaseOrderRow
    uom: str
    conversion: str
    total: Decimal


@dataclass(frozen=True, slots=True)
class Card:
    order: PurchaseOrder
    open_rows: list[CardRow]
    received_rows: list[CardRow]
    totals: purchasing.OrderTotals
    supplier_address: list[str]


def load_order(order_id: int) -> PurchaseOrder | None:
    return PurchaseOrder.objects.select_related("supplier", "location").filter(pk=order_id).first()


def card(order: PurchaseOrder) -> Card:
    """The card's rows split into still-to-come and received (a partial receipt shows as a
    received row split from its open one), the totals and the supplier's address."""
    rows = order.rows.select_related("variant__item", "tax_rate").order_by("id")
    shown = [_card_row(r) for r in rows]
    address = SupplierAddress.objects.filter(supplier_id=order.supplier_id).first()
    return Card(
        order=order,
        open_rows=[r for r in shown if r.row.received_date is None],
        received_rows=[r for r in shown if r.row.received_date is not None],
        totals=purchasing.order_totals(order),
        supplier_address=address.lines() if address else [],
    )


def _card_row(row: PurchaseOrderRow) -> CardRow:
    uom, conversion = row_uom(row.variant, row.purchase_uom, row.purchase_uom_conversion_rate)
    return CardRow(row=row, uom=uom, conversion=conversion, total=row.total)


def row_uom(variant: Variant, purchase_uom: str, rate: Decimal) -> tuple[str, str]:
    """The unit a row is counted in and its conversion, e.g. ("box", "1 box = 12 pcs")."""
    stock_uom = variant.item.uom
    if not purchase_uom or (purchase_uom == stock_uom and rate == 1):
        return stock_uom, ""
    return purchase_uom, f"1 {purchase_uom} = {_plain(rate)} {stock_uom}"


def variant_uom(variant: Variant) -> tuple[str, str]:
    item = variant.item
    return row_uom(variant, item.purchase_uom, item.conversion_rate)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def supplier_addresses(supplier_id: int) -> list[str]:
    address = SupplierAddress.objects.filter(supplier_id=supplier_id).first()
    return address.lines() if address else []


# --- items --------------------------------------------------------------------------------


def purchasable_variants() -> QuerySet[Variant]:
    """Variants that may go on a purchase order: usable, stocked, Buy enabled."""
    return (
        Variant.objects.filter(
            archived_at__isnull=True,
            deleted_at__isnull=True,
            item__archived_at__isnull=True,
            item__deleted_at__isnull=True,
            item__is_purchasable=True,
        )
        .exclude(item__kind=ItemKind.SERVICE)
        .select_related("item")
    )


def search_variants(text: str, limit: int = 20) -> list[Variant]:
    """Purchasable variants whose SKU or item name contains `text` (case-insensitive)."""
    text = text.strip()
    qs = purchasable_variants().order_by("item__name", "sku", "id")
    if text:
        qs = qs.filter(Q(sku__icontains=text) | Q(item__name__icontains=text))
    return list(qs[:limit])


def variant_label(variant: Variant) -> str:
    """What the item field shows and accepts back: "SKU · name" (see `find_variant`)."""
    return str(variant)


def find_variant(text: str) -> list[Variant]:
    """The purchasable variants a typed item text names: by SKU (the part before " · " of a
    label), else by exact item name. Several hits mean the text is ambiguous."""
    text = text.strip()
    if not text:
        return []
    sku = text.split(" · ", 1)[0].strip()
    by_sku = list(purchasable_variants().filter(sku__iexact=sku))
    if by_sku:
        return by_sku
    return list(purchasable_variants().filter(item__name__iexact=text)[:5])
