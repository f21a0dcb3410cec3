"""The sales order card: create, edit header and rows, make to order, pack / deliver,
revert, quote ↔ order, delete. Every change is one service call (the MTO-aware wrappers
of makeline.production.make_to_order where linked MOs must follow); a refusal shows next
to its field with the input kept, and nothing is saved."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from makeline.access.versions import refuse_if_stale
from makeline.common.errors import DomainError
from makeline.production import make_to_order
from makeline.sales import fulfilment, services
from makeline.sales import selectors as sales_selectors
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import Fulfillment, SalesOrder, SalesOrderRow
from makeline.web.sell import card, forms
from makeline.web.sell.selectors import sellable_variants

_ORDERS = SalesOrder.objects.select_related("customer", "location")


def _card_page(
    request: HttpRequest,
    order: SalesOrder,
    *,
    header: forms.EditOrderForm | None = None,
    add_row: forms.RowForm | None = None,
    row_forms: dict[int, forms.RowForm] | None = None,
    fulfil: forms.FulfilForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The card; bound forms passed in replace the fresh ones (to show their errors)."""
    view = card.order_card(order)
    if header is None:
        header = forms.EditOrderForm(initial=_header_initial(order))
    forms_by_row = {r.row.pk: forms.RowForm.for_row(r.row) for r in view.rows}
    forms_by_row.update(row_forms or {})
    open_rows = [(r.row, r.open_quantity) for r in view.rows if r.open_quantity > 0]
    context = {
        "card": view,
        "order": order,
        "header": header,
        "lines": [(r, forms_by_row[r.row.pk]) for r in view.rows],
        "add_row": add_row or forms.RowForm(prefix="add", html_form="add-row-form"),
        "fulfil": fulfil or forms.FulfilForm(rows=open_rows),
        "variants": sellable_variants(""),
    }
    return render(request, "web/sell/order.html", context, status=status)


def _header_initial(order: SalesOrder) -> dict[str, Any]:
    return {
        "order_no": order.order_no,
        "customer": order.customer_id,
        "location": order.location_id,
        "delivery_date": order.delivery_date,
        "customer_ref": order.customer_ref,
        "additional_info": order.additional_info,
    }


def _back(order: SalesOrder) -> HttpResponse:
    return redirect("web:sell:order", order_id=order.pk)


# --- create and edit ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def order_new(request: HttpRequest) -> HttpResponse:
    header = forms.NewOrderForm(request.POST or None)
    rows = forms.NewRowFormSet(request.POST or None, prefix="rows")
    if request.method == "POST" and header.is_valid() and rows.is_valid():
        filled = [form for form in rows if form.has_changed() and form.cleaned_data]
        try:
            order = services.create_sales_order(
                **_new_header(header.cleaned_data), rows=[_spec(f) for f in filled]
            )
        except DomainError as error:
            _show_create_error(header, filled, error)
        else:
            messages.success(request, f"{order.order_no} created")
            return _back(order)
    context = {"header": header, "rows": rows, "variants": sellable_variants("")}
    return render(request, "web/sell/order_new.html", context, status=_status(request))


def _status(request: HttpRequest) -> int:
    return 200 if request.method == "GET" else 422


def _new_header(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "customer": data["customer"],
        "location": data["location"],
        "status": SalesOrderStatus(data["status"]),
        "order_no": data["order_no"] or None,
        "delivery_date": data["delivery_date"],
        "customer_ref": data["customer_ref"],
        "additional_info": data["additional_info"],
    }


def _spec(form: forms.RowForm) -> services.RowSpec:
    data = form.cleaned_data
    return services.RowSpec(
        variant=data["variant"],
        quantity=data["quantity"],
        price_per_unit=data["price_per_unit"],
        total_discount=data["total_discount"] or Decimal(0),
        tax_rate=data["tax_rate"],
    )


def _show_create_error(
    header: forms.NewOrderForm, filled: list[forms.NewRowForm], error: DomainError
) -> None:
    """Row errors ("row 2: …") go on that row's field; the rest on the header."""
    prefix, _, rest = error.message.partition(": ")
    if prefix.startswith("row ") and prefix[4:].isdigit() and int(prefix[4:]) <= len(filled):
        forms.show_error(filled[int(prefix[4:]) - 1], DomainError(rest, field=error.field))
    elif error.field == "rows":
        header.add_error(None, "Add at least one row: an item and a quantity")
    else:
        forms.show_error(header, error)


@login_required
@require_http_methods(["GET", "POST"])
def order_card(request: HttpRequest, order_id: int) -> HttpResponse:
    """GET shows the card; POST saves the header."""
    order = get_object_or_404(_ORDERS, pk=order_id)
    if request.method == "GET":
        return _card_page(request, order)
    if refuse_if_stale(request, order):
        return _back(order)
    header = forms.EditOrderForm(request.POST)
    if header.is_valid():
        try:
            make_to_order.update_sales_order(order=order, changes=header.changes())
        except DomainError as error:
            forms.show_error(header, error)
        else:
            messages.success(request, f"{order.order_no} saved")
            return _back(order)
    order.refresh_from_db()
    return _card_page(request, order, header=header, status=422)


# --- rows ---------------------------------------------------------------------------------


@login_required
@require_POST
def row_add(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_object_or_404(_ORDERS, pk=order_id)
    form = forms.RowForm(request.POST, prefix="add", html_form="add-row-form")
    if form.is_valid():
        try:
            services.add_row(order=order, spec=_spec(form))
        except DomainError as error:
            forms.show_error(form, error)
        else:
            return _back(order)
    return _card_page(request, order, add_row=form, status=422)


def _row(order_id: int, row_id: int) -> SalesOrderRow:
    return get_object_or_404(
        SalesOrderRow.objects.select_related("sales_order", "variant__item"),
        pk=row_id,
        sales_order_id=order_id,
    )


@login_required
@require_POST
def row_update(request: HttpRequest, order_id: int, row_id: int) -> HttpResponse:
    row = _row(order_id, row_id)
    form = forms.RowForm.for_row(row, request.POST)
    if form.is_valid():
        try:
            make_to_order.update_sales_order_row(row=row, changes=form.changes())
        except DomainError as error:
            forms.show_error(form, error)
        else:
            return _back(row.sales_order)
    order = get_object_or_404(_ORDERS, pk=order_id)
    return _card_page(request, order, row_forms={row.pk: form}, status=422)


def _act(request: HttpRequest, order: SalesOrder, action: Any, done: str) -> HttpResponse:
    """Run one service call that has no form: its refusal becomes a message on the card."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return _back(order)


@login_required
@require_POST
def row_delete(request: HttpRequest, order_id: int, row_id: int) -> HttpResponse:
    row = _row(order_id, row_id)
    return _act(
        request,
        row.sales_order,
        lambda: make_to_order.delete_sales_order_row(row=row),
        f"Row {row.variant.display_name} deleted",
    )


@login_required
@require_POST
def row_make(request: HttpRequest, order_id: int, row_id: int) -> HttpResponse:
    row = _row(order_id, row_id)
    return _act(
        request,
        row.sales_order,
        lambda: make_to_order.make_to_order(sales_order_row=row),
        f"Made to order: {row.variant.display_name}",
    )


# --- fulfilment ---------------------------------------------------------------------------


@login_required
@require_POST
def fulfil_all(request: HttpRequest, order_id: int) -> HttpResponse:
    """Pack all / Deliver all: everything still open, with one fulfilment."""
    order = get_object_or_404(_ORDERS, pk=order_id)
    status = request.POST.get("status", "")
    if status not in FulfillmentStatus.values:
        messages.error(request, "Choose Pack or Deliver")
        return _back(order)
    label = "packed" if status == FulfillmentStatus.PACKED else "delivered"
    return _act(
        request,
        order,
        lambda: fulfilment.fulfil(order=order, status=FulfillmentStatus(status)),
        f"{order.order_no}: everything open is {label}",
    )


@login_required
@require_POST
def fulfil_some(request: HttpRequest, order_id: int) -> HttpResponse:
    """Pack or deliver some: a quantity per row."""
    order = get_object_or_404(_ORDERS, pk=order_id)
    form = forms.FulfilForm(request.POST, rows=_open_rows(order))
    if form.is_valid():
        try:
            fulfilment.fulfil(
                order=order,
                status=FulfillmentStatus(form.cleaned_data["status"]),
                rows=form.lines(),
            )
        except DomainError as error:
            forms.show_error(form, error)
        else:
            messages.success(request, f"{order.order_no}: fulfilment recorded")
            return _back(order)
    return _card_page(request, order, fulfil=form, status=422)


def _open_rows(order: SalesOrder) -> list[tuple[SalesOrderRow, Decimal]]:
    left = {p.row_id: p.open_quantity for p in sales_selectors.row_progress(order)}
    rows = order.rows.select_related("variant__item").order_by("position", "id")
    return [(row, left[row.pk]) for row in rows if left.get(row.pk, 0) > 0]


@login_required
@require_POST
def fulfillment_revert(request: HttpRequest, order_id: int, fulfillment_id: int) -> HttpResponse:
    found = get_object_or_404(Fulfillment, pk=fulfillment_id, sales_order_id=order_id)
    order = get_object_or_404(_ORDERS, pk=order_id)
    return _act(
        request,
        order,
        lambda: fulfilment.delete_fulfillment(fulfillment=found),
        "Fulfilment reverted: its stock is back",
    )


# --- quote ↔ order, delete ----------------------------------------------------------------


@login_required
@require_POST
def convert(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_object_or_404(_ORDERS, pk=order_id)
    return _act(
        request,
        order,
        lambda: services.convert_quote_to_order(order=order),
        f"{order.order_no} is now a sales order",
    )


@login_required
@require_POST
def to_quote(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_object_or_404(_ORDERS, pk=order_id)
    return _act(
        request,
        order,
        lambda: make_to_order.revert_to_quote(order=order),
        f"{order.order_no} is a quote again",
    )


@login_required
@require_POST
def order_delete(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_object_or_404(_ORDERS, pk=order_id)
    try:
        make_to_order.delete_sales_order(order=order)
    except DomainError as error:
        messages.error(request, error.message)
        return _back(order)
    messages.success(request, f"{order.order_no} deleted")
    return redirect("web:sell:open")
