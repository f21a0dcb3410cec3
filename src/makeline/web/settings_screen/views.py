"""Settings screens: the shop (general settings), locations, resources and tax rates.

One page shows everything; each section posts to its own URL, which calls one catalog
service and redirects, or re-renders the page with the refusal next to the field.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from makeline.catalog import contacts, services
from makeline.common.errors import DomainError
from makeline.web.items.forms import in_table_row, plain, show_error
from makeline.web.settings_screen import selectors
from makeline.web.settings_screen.forms import LocationForm, ResourceForm, ShopForm, TaxRateForm


def _settings_page(request: HttpRequest, **bound: Any) -> HttpResponse:
    """The settings page; `bound` holds the one form being re-shown with its errors."""
    shop = contacts.ensure_shop()
    lists = selectors.settings_lists()
    row_form = bound.get("resource_row_form")
    resources = [
        (
            resource,
            in_table_row(
                row_form
                if row_form is not None and row_form.prefix == f"res{resource.pk}"
                else ResourceForm(
                    prefix=f"res{resource.pk}",
                    initial={"name": resource.name, "cost_per_hour": plain(resource.cost_per_hour)},
                ),
                form_id=f"res{resource.pk}",
                row_name=resource.name,
            ),
        )
        for resource in lists.resources
    ]
    context = {
        "shop": shop,
        "shop_form": bound.get("shop_form") or ShopForm(initial=ShopForm.initial_of(shop)),
        "locations": lists.locations,
        "location_form": bound.get("location_form") or LocationForm(prefix="location"),
        "resources": resources,
        "resource_form": bound.get("resource_form") or ResourceForm(prefix="resource"),
        "tax_rates": lists.tax_rates,
        "tax_rate_form": bound.get("tax_rate_form") or TaxRateForm(prefix="tax"),
    }
    return render(request, "web/settings_screen/settings.html", context)


def _saved(request: HttpRequest, text: str, anchor: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(f"{reverse('web:settings_screen:settings')}#{anchor}")


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    """Show the settings; a POST saves the shop's general settings."""
    if request.method != "POST":
        return _settings_page(request)
    form = ShopForm(request.POST)
    if form.is_valid():
        try:
            contacts.update_shop(shop=contacts.ensure_shop(), changes=form.changes())
        except DomainError as error:
            show_error(form, error)
        else:
            return _saved(request, "Shop settings saved.", "shop")
    return _settings_page(request, shop_form=form)


# --- locations --------------------------------------------------------------------------


@login_required
@require_POST
def new_location(request: HttpRequest) -> HttpResponse:
    form = LocationForm(request.POST, prefix="location")
    if form.is_valid():
        try:
            location = contacts.create_location(**form.values())
        except DomainError as error:
            show_error(form, error)
        else:
            return _saved(request, f"Location {location.name} created.", "locations")
    return _settings_page(request, location_form=form)


@login_required
def edit_location(request: HttpRequest, location_id: int) -> HttpResponse:
    location = selectors.location(location_id)
    form = LocationForm(request.POST or None, initial=LocationForm.initial_of(location))
    if request.method == "POST" and form.is_valid():
        try:
            contacts.update_location(location=location, changes=form.values())
        except DomainError as error:
            show_error(form, error)
        else:
            return _saved(request, "Location saved.", "locations")
    location.refresh_from_db()  # a refused change must not show as saved
    context = {"location": location, "form": form}
    return render(request, "web/settings_screen/location.html", context)


# --- resources and tax rates ------------------------------------------------------------


@login_required
@require_POST
def new_resource(request: HttpRequest) -> HttpResponse:
    form = ResourceForm(request.POST, prefix="resource")
    if form.is_valid():
        try:
            resource = services.create_resource(**form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            return _saved(request, f"Resource {resource.name} saved.", "resources")
    return _settings_page(request, resource_form=form)


@login_required
@require_POST
def edit_resource(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = selectors.resource(resource_id)
    form = ResourceForm(request.POST, prefix=f"res{resource.pk}")
    if form.is_valid():
        try:
            services.update_resource(resource=resource, changes=dict(form.cleaned_data))
        except DomainError as error:
            show_error(form, error)
        else:
            return _saved(request, "Resource saved.", "resources")
    return _settings_page(request, resource_row_form=form)


@login_required
@require_POST
def new_tax_rate(request: HttpRequest) -> HttpResponse:
    form = TaxRateForm(request.POST, prefix="tax")
    if form.is_valid():
        try:
            tax_rate = contacts.create_tax_rate(**form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            return _saved(request, f"Tax rate {tax_rate} created.", "tax-rates")
    return _settings_page(request, tax_rate_form=form)
