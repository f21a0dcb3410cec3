"""Buy screen views: parse, call one selector or service (or the card's save), render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from makeline.access.versions import refuse_if_stale
from makeline.common.errors import DomainError
from makeline.purchasing import services
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder
from makeline.web.buy import editing, pdf, selectors
from makeline.web.buy.forms import (
    NewRowFormSet,
    OrderForm,
    ReceiveForm,
    RowFormSet,
    as_datetime,
)
from makeline.web.buy.prefill import prefill
from makeline.web.buy.rendering import (
    ROWS_PREFIX,
    card_context,
    header_of,
    new_context,
    rows_of,
    show_card_error,
    with_extra_row,
)

P = PurchaseOrderStatus


@login_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", P.NOT_RECEIVED)
    if status not in selectors.TABS:
        status = P.NOT_RECEIVED
    page, orders = selectors.order_list(status, request.GET.get("page"))
    tabs = [(s, P(s).label) for s in selectors.TABS]
    context = {"status": status, "tabs": tabs, "page": page, "orders": orders}
    return render(request, "web/buy/list.html", context)


@login_required
def order_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "web/buy/new.html", new_context(prefill(request.GET)))
    if "add_row" in request.POST:
        data = with_extra_row(request.POST)
        form, formset = OrderForm(request.POST), NewRowFormSet(data, prefix=ROWS_PREFIX)
        return render(request, "web/buy/new.html", new_context(None, form, formset))
    form, formset = OrderForm(request.POST), NewRowFormSet(request.POST, prefix=ROWS_PREFIX)
    if form.is_valid() and formset.is_valid():
        status = P.DRAFT if request.POST.get("status") == P.DRAFT else P.NOT_RECEIVED
        try:
            order = editing.create(header=header_of(form), rows=rows_of(formset), status=status)
        except editing.CardError as error:
            show_card_error(error, form, formset)
        else:
            messages.success(request, f"Purchase order {order.order_no} created.")
            return redirect("web:buy:order", order_id=order.pk)
    return render(request, "web/buy/new.html", new_context(None, form, formset))


@login_required
def order_card(request: HttpRequest, order_id: int) -> HttpResponse:
    order = _order(order_id)
    if request.method != "POST":
        return render(request, "web/buy/card.html", card_context(order))
    if "add_row" not in request.POST and refuse_if_stale(request, order):
        return redirect("web:buy:order", order_id=order.pk)
    form = OrderForm(request.POST, order=order, initial=OrderForm.initial_for(order))
    data = with_extra_row(request.POST) if "add_row" in request.POST else request.POST
    formset = RowFormSet(data, prefix=ROWS_PREFIX)
    if "add_row" not in request.POST and form.is_valid() and formset.is_valid():
        try:
            editing.save(order=order, header=header_of(form), rows=rows_of(formset))
        except editing.CardError as error:
            show_card_error(error, form, formset)
        else:
            messages.success(request, f"Purchase order {order.order_no} saved.")
            return redirect("web:buy:order", order_id=order.pk)
    return render(request, "web/buy/card.html", card_context(order, form=form, formset=formset))


_ACTIONS: dict[str, tuple[Any, str]] = {
    "confirm": (services.confirm, "confirmed: its rows are now expected"),
    "draft": (services.set_draft, "set back to draft"),
    "receive-all": (services.receive_all, "received in full"),
    "revert": (services.revert_to_not_received, "reverted to not received"),
}


@login_required
@require_POST
def order_action(request: HttpRequest, order_id: int, action: str) -> HttpResponse:
    order = _order(order_id)
    if action == "delete":
        return _delete(request, order)
    if action not in _ACTIONS:
        raise Http404("unknown action")
    service, done = _ACTIONS[action]
    try:
        service(order=order)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Purchase order {order.order_no} {done}.")
    return redirect("web:buy:order", order_id=order.pk)


def _delete(request: HttpRequest, order: PurchaseOrder) -> HttpResponse:
    try:
        services.delete_order(order=order)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("web:buy:order", order_id=order.pk)
    messages.success(request, f"Purchase order {order.order_no} deleted.")
    return redirect(f"{reverse('web:buy:list')}?status={order.status}")


@login_required
@require_POST
def order_receive(request: HttpRequest, order_id: int) -> HttpResponse:
    """Receive some: a partial quantity splits its row (the received part becomes a row)."""
    order = _order(order_id)
    rows = list(order.rows.filter(received_date__isnull=True).select_related("variant__item"))
    form = ReceiveForm(request.POST, rows=rows)
    if form.is_valid():
        when = as_datetime(form.cleaned_data["received_date"])
        receipts = [
            services.Receipt(row=r, quantity=q, received_date=when) for r, q in form.receipts()
        ]
        try:
            services.receive(receipts=receipts)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Received {len(receipts)} row(s) of {order.order_no}.")
            return redirect("web:buy:order", order_id=order.pk)
    return render(request, "web/buy/card.html", card_context(order, receive_form=form))


@login_required
@require_GET
def order_pdf(request: HttpRequest, order_id: int) -> HttpResponse:
    order = _order(order_id)
    response = HttpResponse(
        pdf.render(order, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{pdf.filename(order)}"'
    return response


@login_required
@require_GET
def item_search(request: HttpRequest) -> HttpResponse:
    """The options of the item fields' shared datalist (htmx, as the user types)."""
    text = next((str(v) for k, v in request.GET.items() if k == "q" or k.endswith("-item")), "")
    variants = selectors.search_variants(text)
    return render(request, "web/buy/_item_options.html", {"variants": variants})


@login_required
@require_GET
def item_unit(request: HttpRequest) -> HttpResponse:
    """The purchase unit and its conversion for what is typed in a row's item field."""
    text = next((str(v) for k, v in request.GET.items() if k.endswith("-item")), "")
    matches = selectors.find_variant(text)
    unit = selectors.variant_uom(matches[0]) if len(matches) == 1 else ("", "")
    return render(request, "web/buy/_unit.html", {"uom": unit[0], "conversion": unit[1]})


def _order(order_id: int) -> PurchaseOrder:
    order = selectors.load_order(order_id)
    if order is None:
        raise Http404("no such purchase order")
    return order
