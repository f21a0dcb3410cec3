"""Items screens: the list (Products / Materials / Services tabs), new item forms and the
item page (the item and its variants). The BOM and routing editors are in `recipe_views`.

Views only translate: parse the form, call one catalog service, redirect (or re-render the
page with the refusal next to the field, keeping what was typed).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from makeline.catalog import services
from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Item, Variant
from makeline.common.errors import DomainError
from makeline.web.items import selectors
from makeline.web.items.forms import ItemForm, NewItemForm, VariantForm, show_error

_TABS = [
    (ItemKind.PRODUCT, "Products"),
    (ItemKind.MATERIAL, "Materials"),
    (ItemKind.SERVICE, "Services"),
]


def _kind(value: str | None) -> ItemKind:
    return ItemKind(value) if value in ItemKind.values else ItemKind.PRODUCT


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    kind = _kind(request.GET.get("kind"))
    search = request.GET.get("q", "")
    archived = request.GET.get("archived") == "1"
    page = selectors.item_page(
        kind=kind, search=search, archived=archived, page=request.GET.get("page", 1)
    )
    context = {"kind": kind, "tabs": _TABS, "q": search, "archived": archived, "page": page}
    return render(request, "web/items/list.html", context)


@login_required
def new_item(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ItemKind.values:
        raise Http404("unknown item type")
    form = NewItemForm(request.POST or None, initial=NewItemForm.defaults(kind))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(
                kind=ItemKind(kind), variants=[form.spec()], **form.item_changes()
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{item.name} created.")
            return redirect("web:items:detail", item_id=item.pk)
    label = ItemKind(kind).label.lower()
    return render(request, "web/items/new.html", {"form": form, "kind": kind, "label": label})


def _item_page(request: HttpRequest, item: Item, **forms: Any) -> HttpResponse:
    """The item page; `forms` replaces the unbound forms with the one being re-shown."""
    bound_variant = forms.pop("variant_form", None)
    variants = [
        (
            variant,
            bound_variant
            if bound_variant is not None and bound_variant.prefix == f"v{variant.pk}"
            else VariantForm(prefix=f"v{variant.pk}", initial=VariantForm.initial_of(variant)),
        )
        for variant in item.variants.all()
    ]
    context = {
        "item": item,
        "form": forms.get("item_form") or ItemForm(initial=ItemForm.initial_of(item)),
        "variants": variants,
        "new_variant_form": forms.get("new_variant_form") or VariantForm(prefix="new"),
        "is_product": item.kind == ItemKind.PRODUCT,
    }
    return render(request, "web/items/detail.html", context)


@login_required
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    """Show the item; a POST saves the item's own fields."""
    item = selectors.item_with_variants(item_id)
    if request.method != "POST":
        return _item_page(request, item)
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            services.update_item(item=item, changes=form.item_changes())
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Item saved.")
            return redirect("web:items:detail", item_id=item.pk)
    return _item_page(request, selectors.item_with_variants(item_id), item_form=form)


@login_required
@require_POST
def archive_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(Item, pk=item_id, deleted_at__isnull=True)
    services.archive_item(item=item)
    messages.success(request, f"{item.name} archived: it stays on existing documents only.")
    return redirect(f"{reverse('web:items:list')}?kind={item.kind}")


@login_required
@require_POST
def add_variant(request: HttpRequest, item_id: int) -> HttpResponse:
    item = selectors.item_with_variants(item_id)
    form = VariantForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.create_variant(item=item, spec=form.spec())
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Variant added.")
            return redirect("web:items:detail", item_id=item.pk)
    return _item_page(request, item, new_variant_form=form)


@login_required
@require_POST
def edit_variant(request: HttpRequest, variant_id: int) -> HttpResponse:
    variant = get_object_or_404(Variant, pk=variant_id, deleted_at__isnull=True)
    form = VariantForm(request.POST, prefix=f"v{variant.pk}")
    if form.is_valid():
        try:
            services.update_variant(variant=variant, changes=form.variant_changes())
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Variant saved.")
            return redirect("web:items:detail", item_id=variant.item_id)
    return _item_page(request, selectors.item_with_variants(variant.item_id), variant_form=form)


@login_required
@require_POST
def delete_variant(request: HttpRequest, variant_id: int) -> HttpResponse:
    variant = get_object_or_404(Variant, pk=variant_id, deleted_at__isnull=True)
    services.delete_variant(variant=variant)
    messages.success(request, "Variant deleted.")
    return redirect("web:items:detail", item_id=variant.item_id)
