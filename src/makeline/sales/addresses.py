"""A sales order's bill-to and ship-to addresses: add, change, remove (one of each kind).

Addresses are copies made for the order (from the customer's defaults or given on create),
so editing them never changes the customer. They do not affect planning: nothing is touched.
"""

from makeline.common.errors import Conflict, DomainError
from makeline.common.unit_of_work import atomic_service
from makeline.sales.models import SalesOrder, SalesOrderAddress
from makeline.sales.validation import ADDRESS_FIELDS, AddressSpec, check_addresses


@atomic_service
def add_sales_order_address(*, order: SalesOrder, spec: AddressSpec) -> SalesOrderAddress:
    """Give the order its billing or shipping address; refused when it already has one."""
    check_addresses([spec])
    if order.addresses.filter(entity_type=spec.entity_type).exists():
        raise Conflict(
            f"{order.order_no} already has a {spec.entity_type} address; change that one",
            field="entity_type",
        )
    return SalesOrderAddress.objects.create(
        sales_order=order, entity_type=spec.entity_type, **spec.fields()
    )


@atomic_service
def update_sales_order_address(
    *, address: SalesOrderAddress, fields: dict[str, str]
) -> SalesOrderAddress:
    """Change some lines of the address (None or "" clears a line)."""
    unknown = sorted(set(fields) - set(ADDRESS_FIELDS))
    if unknown:
        raise DomainError(f"{unknown[0]} is not an address field", field=unknown[0])
    for name, value in fields.items():
        setattr(address, name, value or "")
    address.save()
    return address


@atomic_service
def delete_sales_order_address(*, address: SalesOrderAddress) -> None:
    address.delete()
