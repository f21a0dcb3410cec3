"""Glue between the Buy forms and the card: building contexts, reading forms into the
card's inputs, and showing a service's refusal next to the field it names."""

from typing import Any

from django.http import QueryDict

from makeline.catalog.models import Location
from makeline.purchasing.enums import OPEN, PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder
from makeline.purchasing.orders import EDITABLE_STATUSES
from makeline.web.buy import editing, selectors
from makeline.web.buy.forms import (
    NewRowFormSet,
    OrderForm,
    ReceiveForm,
    RowForm,
    RowFormSet,
    as_datetime,
)
from makeline.web.buy.prefill import Prefill

P = PurchaseOrderStatus
ROWS_PREFIX = "rows"
_HEADER_FIELDS = {
    "supplier_id": "supplier",
    "supplier": "supplier",
    "location_id": "location",
    "location": "location",
    "currency": "currency",
    "order_no": "order_no",
    "expected_arrival_date": "expected_arrival_date",
    "additional_info": "additional_info",
}


def new_context(
    start: Prefill | None, form: OrderForm | None = None, formset: Any = None
) -> dict[str, Any]:
    if start is not None:
        form = OrderForm(
            initial={
                "supplier": start.supplier.pk if start.supplier else None,
                "location": start.location.pk if start.location else _default_location_id(),
            }
        )
        initial = [{"item": str(r.variant), "quantity": r.quantity} for r in start.rows]
        formset = NewRowFormSet(initial=initial or [{}], prefix=ROWS_PREFIX)
    return {
        "form": form,
        "formset": formset,
        "rows": _row_views(formset, {}),
        "source": start.source if start else "",
        "prefilled": bool(start and start.rows),
    }


def card_context(
    order: PurchaseOrder,
    *,
    form: OrderForm | None = None,
    formset: Any = None,
    receive_form: ReceiveForm | None = None,
) -> dict[str, Any]:
    card = selectors.card(order)
    if form is None:
        form = OrderForm(order=order, initial=OrderForm.initial_for(order))
    if formset is None:
        formset = RowFormSet(
            initial=[RowForm.initial_for(r.row) for r in card.open_rows], prefix=ROWS_PREFIX
        )
    if receive_form is None:
        receive_form = ReceiveForm(rows=[r.row for r in card.open_rows])
    by_id = {r.row.pk: r for r in card.open_rows}
    return {
        "card": card,
        "order": order,
        "form": form,
        "formset": formset,
        "rows": _row_views(formset, by_id),
        "receive_rows": [(r, receive_form[f"row_{r.row.pk}"]) for r in card.open_rows],
        "receive_form": receive_form,
        "can_edit_rows": order.status in EDITABLE_STATUSES,
        "can_receive": order.status in OPEN and bool(card.open_rows),
        "can_revert": order.status in (P.PARTIALLY_RECEIVED, P.RECEIVED),
        "is_draft": order.status == P.DRAFT,
        "can_delete": not card.received_rows,
    }


def _row_views(formset: Any, by_id: dict[int, selectors.CardRow]) -> list[dict[str, Any]]:
    """Each row form with its unit, conversion and total (of the saved row, when it has one)."""
    views = []
    for form in formset.forms:
        saved = by_id.get(_int(form["row_id"].value()) or 0)
        if saved is not None:
            uom, conversion, total = saved.uom, saved.conversion, saved.total
        else:
            variant = getattr(form, "variant", None) or _typed_variant(form)
            uom, conversion = selectors.variant_uom(variant) if variant else ("", "")
            total = None
        views.append({"form": form, "uom": uom, "conversion": conversion, "total": total})
    return views


def _typed_variant(form: RowForm) -> Any:
    text = form["item"].value()
    matches = selectors.find_variant(str(text)) if text else []
    return matches[0] if len(matches) == 1 else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _default_location_id() -> int | None:
    """The primary location when it takes purchases, else the first one that does."""
    buy = Location.objects.filter(deleted_at__isnull=True, purchase_allowed=True)
    location = buy.order_by("-is_primary", "id").first()
    return location.pk if location else None


def with_extra_row(data: QueryDict) -> QueryDict:
    """The posted card with one more (blank) row form: "Add row" without saving."""
    data = data.copy()
    key = f"{ROWS_PREFIX}-TOTAL_FORMS"
    data[key] = str((_int(data.get(key)) or 0) + 1)
    return data


def header_of(form: OrderForm) -> editing.Header:
    data = form.cleaned_data
    return editing.Header(
        supplier=data["supplier"],
        location=data["location"],
        expected_arrival_date=as_datetime(data["expected_arrival_date"]),
        currency=data.get("currency") or "",
        additional_info=data.get("additional_info") or "",
        order_no=data.get("order_no") or None,
    )


def rows_of(formset: Any) -> list[editing.RowInput]:
    """One input per row form, aligned with the forms (blank forms count as removed)."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        rows.append(
            editing.RowInput(
                row_id=data.get("row_id"),
                variant=form.variant,
                quantity=data.get("quantity"),
                price_per_unit=data.get("price_per_unit"),
                tax_rate=data.get("tax_rate"),
                arrival_date=as_datetime(data.get("arrival_date")),
                delete=bool(data.get("DELETE")) or form.is_blank(),
            )
        )
    return rows


def show_card_error(error: editing.CardError, form: OrderForm, formset: Any) -> None:
    """Put a service's refusal next to the field it names (or on top of the form)."""
    field = error.error.field
    if error.row is not None:
        row_form = formset.forms[error.row]
        row_form.add_error(editing.ROW_FIELDS.get(field or "", None), error.error.message)
        return
    name = _HEADER_FIELDS.get(field or "")
    form.add_error(name if name in form.fields else None, error.error.message)
