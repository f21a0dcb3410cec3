"""Contacts screens: customer and supplier lists, new and edit forms, addresses.

Views only translate: parse the forms, call the `makeline.catalog.contacts` services
(a new partner and its first addresses in one unit of work), redirect, or re-render with
the refusal next to the field and the input kept.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from makeline.catalog import contacts
from makeline.catalog.enums import AddressKind
from makeline.catalog.models import Customer, Supplier
from makeline.common.errors import DomainError
from makeline.common.unit_of_work import unit_of_work
from makeline.web.contacts import selectors
from makeline.web.contacts.forms import (
    AddressForm,
    CustomerAddressForm,
    CustomerForm,
    SupplierForm,
)
from makeline.web.items.forms import show_error


def _list(request: HttpRequest, tab: str, page: Any) -> HttpResponse:
    context = {"tab": tab, "q": request.GET.get("q", ""), "page": page}
    return render(request, "web/contacts/list.html", context)


@login_required
def customer_list(request: HttpRequest) -> HttpResponse:
    page = selectors.customer_page(search=request.GET.get("q", ""), page=request.GET.get("page", 1))
    return _list(request, "customers", page)


@login_required
def supplier_list(request: HttpRequest) -> HttpResponse:
    page = selectors.supplier_page(search=request.GET.get("q", ""), page=request.GET.get("page", 1))
    return _list(request, "suppliers", page)


# --- customers --------------------------------------------------------------------------


@login_required
def new_customer(request: HttpRequest) -> HttpResponse:
    data = request.POST or None
    form = CustomerForm(data)
    billing = AddressForm(data, prefix="billing")
    shipping = AddressForm(data, prefix="shipping")
    if request.method == "POST" and all(f.is_valid() for f in (form, billing, shipping)):
        try:
            customer = _create_customer(form, billing, shipping)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Customer {customer.name} created.")
            return redirect("web:contacts:customer", customer_id=customer.pk)
    addresses = [("Billing address", billing), ("Shipping address", shipping)]
    context = {"form": form, "addresses": addresses, "kind": "customer"}
    return render(request, "web/contacts/new.html", context)


def _create_customer(form: CustomerForm, billing: AddressForm, shipping: AddressForm) -> Customer:
    with unit_of_work():  # the customer and its first addresses, all or nothing
        customer = contacts.create_customer(**form.values())
        for kind, address in ((AddressKind.BILLING, billing), (AddressKind.SHIPPING, shipping)):
            if not address.is_blank():
                contacts.add_customer_address(
                    customer=customer, entity_type=kind, fields=address.address(), default=True
                )
    return customer


def _customer_page(request: HttpRequest, customer: Customer, **bound: Any) -> HttpResponse:
    context = {
        "partner": customer,
        "kind": "customer",
        "form": bound.get("form") or CustomerForm(initial=CustomerForm.initial_of(customer)),
        "address_form": bound.get("address_form") or CustomerAddressForm(prefix="address"),
    }
    return render(request, "web/contacts/detail.html", context)


@login_required
def customer_detail(request: HttpRequest, customer_id: int) -> HttpResponse:
    customer = selectors.customer(customer_id)
    if request.method != "POST":
        return _customer_page(request, customer)
    form = CustomerForm(request.POST)
    if form.is_valid():
        values = form.values()
        values.setdefault("currency", customer.currency)
        try:
            contacts.update_customer(customer=customer, changes=values)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Customer saved.")
            return redirect("web:contacts:customer", customer_id=customer.pk)
    return _customer_page(request, selectors.customer(customer_id), form=form)


@login_required
@require_POST
def add_customer_address(request: HttpRequest, customer_id: int) -> HttpResponse:
    customer = selectors.customer(customer_id)
    form = CustomerAddressForm(request.POST, prefix="address")
    if form.is_valid() and form.is_blank():
        form.add_error(None, "Fill in at least one part of the address.")
    elif form.is_valid():
        try:
            contacts.add_customer_address(
                customer=customer,
                entity_type=form.cleaned_data["entity_type"],
                fields=form.address(),
                default=form.cleaned_data["default"],
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Address added.")
            return redirect("web:contacts:customer", customer_id=customer.pk)
    return _customer_page(request, customer, address_form=form)


# --- suppliers --------------------------------------------------------------------------


@login_required
def new_supplier(request: HttpRequest) -> HttpResponse:
    data = request.POST or None
    form = SupplierForm(data)
    address = AddressForm(data, prefix="address")
    if request.method == "POST" and form.is_valid() and address.is_valid():
        try:
            supplier = _create_supplier(form, address)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Supplier {supplier.name} created.")
            return redirect("web:contacts:supplier", supplier_id=supplier.pk)
    context = {"form": form, "addresses": [("Address", address)], "kind": "supplier"}
    return render(request, "web/contacts/new.html", context)


def _create_supplier(form: SupplierForm, address: AddressForm) -> Supplier:
    with unit_of_work():  # the supplier and its address, all or nothing
        supplier = contacts.create_supplier(**form.values())
        if not address.is_blank():
            contacts.add_supplier_address(supplier=supplier, fields=address.address())
    return supplier


def _supplier_page(request: HttpRequest, supplier: Supplier, **bound: Any) -> HttpResponse:
    context = {
        "partner": supplier,
        "kind": "supplier",
        "form": bound.get("form") or SupplierForm(initial=SupplierForm.initial_of(supplier)),
        "address_form": bound.get("address_form") or AddressForm(prefix="address"),
    }
    return render(request, "web/contacts/detail.html", context)


@login_required
def supplier_detail(request: HttpRequest, supplier_id: int) -> HttpResponse:
    supplier = selectors.supplier(supplier_id)
    if request.method != "POST":
        return _supplier_page(request, supplier)
    form = SupplierForm(request.POST)
    if form.is_valid():
        values = form.values()
        values["currency"] = values["currency"] or supplier.currency
        try:
            contacts.update_supplier(supplier=supplier, changes=values)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Supplier saved.")
            return redirect("web:contacts:supplier", supplier_id=supplier.pk)
    return _supplier_page(request, selectors.supplier(supplier_id), form=form)


@login_required
@require_POST
def add_supplier_address(request: HttpRequest, supplier_id: int) -> HttpResponse:
    supplier = selectors.supplier(supplier_id)
    form = AddressForm(request.POST, prefix="address")
    if form.is_valid():
        if form.is_blank():
            form.add_error(None, "Fill in at least one part of the address.")
        else:
            contacts.add_supplier_address(supplier=supplier, fields=form.address())
            messages.success(request, "Address added.")
            return redirect("web:contacts:supplier", supplier_id=supplier.pk)
    return _supplier_page(request, supplier, address_form=form)
