"""Read models of the Contacts screens: paginated, searchable customer and supplier lists
and one partner with its addresses (a constant number of queries each)."""

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404

from makeline.catalog.models import Customer, Supplier

PAGE_SIZE = 50


def customer_page(*, search: str = "", page: str | int = 1) -> Page[Customer]:
    customers = Customer.objects.filter(deleted_at__isnull=True)
    search = search.strip()
    if search:
        customers = customers.filter(
            Q(name__icontains=search)
            | Q(company__icontains=search)
            | Q(email__icontains=search)
            | Q(reference_id__icontains=search)
        )
    return Paginator(customers.order_by("name", "id"), PAGE_SIZE).get_page(page)


def supplier_page(*, search: str = "", page: str | int = 1) -> Page[Supplier]:
    suppliers = Supplier.objects.filter(deleted_at__isnull=True)
    search = search.strip()
    if search:
        suppliers = suppliers.filter(Q(name__icontains=search) | Q(email__icontains=search))
    return Paginator(suppliers.order_by("name", "id"), PAGE_SIZE).get_page(page)


def customer(customer_id: int) -> Customer:
    """The customer (404 when deleted) with `addresses` prefetched."""
    return get_object_or_404(
        Customer.objects.filter(deleted_at__isnull=True).prefetch_related("addresses"),
        pk=customer_id,
    )


def supplier(supplier_id: int) -> Supplier:
    return get_object_or_404(
        Supplier.objects.filter(deleted_at__isnull=True).prefetch_related("addresses"),
        pk=supplier_id,
    )
