"""Creating sales orders and quotes, numbering, defaults and every refused input."""

from datetime import UTC, datetime, timedelta

import pytest

from makeline.catalog import contacts
from makeline.catalog import services as catalog
from makeline.catalog.enums import ItemKind
from makeline.common.errors import Conflict, DomainError, InvalidQuantity, NotFound
from makeline.common.unit_of_work import pending_keys, unit_of_work
from makeline.sales import services
from makeline.sales.enums import SalesOrderStatus
from makeline.sales.models import SalesOrder, SalesOrderAddress, SalesOrderRow
from makeline.sales.services import AddressSpec, RowSpec
from tests import factories as f
from tests import factories_sales as fs
from tests.factories import D

pytestmark = pytest.mark.django_db


def test_orders_are_numbered_so_1_so_2() -> None:
    first = fs.sales_order()
    second = fs.sales_order()
    assert (first.order_no, second.order_no) == ("SO-1", "SO-2")


def test_numbering_continues_after_the_highest_number() -> None:
    fs.sales_order(order_no="SO-41")
    assert fs.sales_order().order_no == "SO-42"


def test_a_custom_number_already_taken_is_refused() -> None:
    fs.sales_order(order_no="WEB-7")
    with pytest.raises(Conflict) as refused:
        fs.sales_order(order_no="WEB-7")
    assert refused.value.field == "order_no"
    assert SalesOrder.objects.count() == 1


def test_a_new_order_takes_its_defaults_from_the_shop_and_customer() -> None:
    # given a shop delivering in 10 days in USD, and a customer with default addresses
    shop = contacts.ensure_shop()
    contacts.update_shop(shop=shop, changes={"default_so_delivery_days": 10, "currency": "USD"})
    buyer = f.customer("Acme")
    contacts.add_customer_address(
        customer=buyer, entity_type="billing", fields={"city": "Tartu"}, default=True
    )
    contacts.add_customer_address(
        customer=buyer, entity_type="shipping", fields={"city": "Narva"}, default=True
    )
    created = datetime(2026, 3, 1, 9, tzinfo=UTC)
    chair = f.product("Chair", price="25")
    # when an order is created without those fields
    order = services.create_sales_order(
        customer=buyer,
        location=f.location(),
        rows=[RowSpec(variant=chair, quantity=D(2))],
        order_created_date=created,
    )
    # then
    assert order.delivery_date == created + timedelta(days=10)
    assert order.currency == "USD"
    assert order.status == SalesOrderStatus.NOT_SHIPPED
    assert {a.entity_type: a.city for a in order.addresses.all()} == {
        "billing": "Tartu",
        "shipping": "Narva",
    }
    assert order.rows.get().price_per_unit == D(25)


def test_explicit_addresses_replace_the_customers() -> None:
    order = services.create_sales_order(
        customer=f.customer(),
        location=f.location(),
        rows=[fs.spec(f.product(), 1)],
        addresses=[AddressSpec(entity_type="shipping", city="Riga")],
    )
    assert [(a.entity_type, a.city) for a in order.addresses.all()] == [("shipping", "Riga")]


def test_new_orders_go_to_the_bottom_of_the_sell_list() -> None:
    first, second = fs.sales_order(), fs.sales_order()
    assert first.rank < second.rank


def test_rows_keep_their_order_price_discount_and_tax() -> None:
    vat = contacts.create_tax_rate(name="VAT", rate=D(20))
    chair, table = f.product(price="10"), f.product(price="100")
    order = fs.sales_order(
        RowSpec(variant=chair, quantity=D(4), price_per_unit=D(12), total_discount=D(8)),
        RowSpec(variant=table, quantity=D(1), tax_rate=vat, attributes=[{"key": "k"}]),
    )
    first, second = fs.rows(order)
    assert (first.variant, first.total) == (chair, D(40))
    assert (second.variant, second.price_per_unit, second.tax_rate) == (table, D(100), vat)
    assert second.attributes == [{"key": "k"}]


def test_a_service_can_be_sold() -> None:
    order = fs.sales_order((f.service_item(), 1))
    assert order.rows.count() == 1


def test_creating_an_order_touches_its_rows_keys() -> None:
    chair, here = f.product(), f.location()
    with unit_of_work():
        fs.sales_order((chair, 1), at=here)
        assert (chair.pk, here.pk) in pending_keys()


def test_a_quote_is_pending() -> None:
    assert fs.quote().status == SalesOrderStatus.PENDING


# --- refusals -----------------------------------------------------------------------------


def _archived_product() -> RowSpec:
    variant = f.product()
    catalog.archive_item(item=variant.item)
    variant.refresh_from_db()
    return fs.spec(variant, 1)


def _not_sellable_product() -> RowSpec:
    variant = f.product()
    catalog.update_item(item=variant.item, changes={"is_sellable": False})
    variant.refresh_from_db()
    return fs.spec(variant, 1)


@pytest.mark.parametrize(
    ("make_row", "error", "field"),
    [
        (lambda: fs.spec(f.material(), 1), DomainError, "variant_id"),
        (_archived_product, NotFound, "variant_id"),
        (_not_sellable_product, DomainError, "variant_id"),
        (lambda: fs.spec(f.product(), 0), InvalidQuantity, "quantity"),
        (lambda: fs.spec(f.product(), -1), InvalidQuantity, "quantity"),
        (lambda: fs.spec(f.product(), 1, price="-1"), DomainError, "price_per_unit"),
        (
            lambda: RowSpec(variant=f.product(), quantity=D(1), total_discount=D(-1)),
            DomainError,
            "total_discount",
        ),
        (
            lambda: RowSpec(
                variant=f.product(), quantity=D(2), price_per_unit=D(5), total_discount=D(11)
            ),
            DomainError,
            "total_discount",
        ),
    ],
)
def test_a_bad_row_is_refused_and_nothing_is_saved(
    make_row: object, error: type[DomainError], field: str
) -> None:
    row = make_row()  # type: ignore[operator]
    with pytest.raises(error) as refused:
        fs.sales_order(fs.spec(f.product(), 1), row)
    assert refused.value.field == field
    assert not SalesOrder.objects.exists()
    assert not SalesOrderRow.objects.exists()


def test_an_order_without_rows_is_refused() -> None:
    with pytest.raises(InvalidQuantity):
        services.create_sales_order(customer=f.customer(), location=f.location(), rows=[])
    assert not SalesOrder.objects.exists()


def test_a_location_without_sell_is_refused() -> None:
    workshop = f.location("Workshop", sales_allowed=False)
    with pytest.raises(DomainError) as refused:
        fs.sales_order(at=workshop)
    assert refused.value.field == "location_id"
    assert not SalesOrder.objects.exists()


def test_a_deleted_customer_is_refused() -> None:
    gone = f.customer()
    gone.deleted_at = datetime(2026, 1, 1, tzinfo=UTC)
    gone.save()
    with pytest.raises(NotFound):
        fs.sales_order(customer=gone)
    assert not SalesOrder.objects.exists()


@pytest.mark.parametrize("status", [SalesOrderStatus.PACKED, SalesOrderStatus.DELIVERED])
def test_an_order_cannot_be_created_packed_or_delivered(status: SalesOrderStatus) -> None:
    with pytest.raises(DomainError) as refused:
        fs.sales_order(status=status)
    assert refused.value.field == "status"
    assert not SalesOrder.objects.exists()


def test_two_addresses_of_one_kind_are_refused() -> None:
    with pytest.raises(DomainError):
        services.create_sales_order(
            customer=f.customer(),
            location=f.location(),
            rows=[fs.spec(f.product(), 1)],
            addresses=[AddressSpec(entity_type="billing"), AddressSpec(entity_type="billing")],
        )
    assert not SalesOrderAddress.objects.exists()


def test_material_items_really_are_materials() -> None:
    # guards the parametrised case above: the factory builds a material
    assert f.material().item.kind == ItemKind.MATERIAL
