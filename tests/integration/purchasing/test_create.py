"""Creating purchase orders: defaults, numbering, touches, and every refusal."""

from datetime import UTC, datetime, timedelta

import pytest

from makeline.catalog import contacts
from makeline.catalog import services as catalog
from makeline.common.errors import DomainError, InvalidQuantity, NotFound
from makeline.purchasing import services
from makeline.purchasing.enums import PurchaseOrderStatus as P
from tests import factories as f
from tests import factories_purchasing as fp
from tests.factories import D

pytestmark = pytest.mark.django_db

MARCH_1 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


# --- create -------------------------------------------------------------------------------


def test_a_new_order_takes_its_defaults_from_item_supplier_and_shop() -> None:
    # given a supplier in USD, a shop with 10 days' purchase lead time, a boxed material
    supplier = contacts.create_supplier(name="Acme", currency="USD")
    contacts.update_shop(shop=contacts.ensure_shop(), changes={"default_po_lead_days": 10})
    screws = fp.boxed_material()
    # when an order is created with only the essentials
    order = services.create_purchase_order(
        supplier=supplier,
        location=f.location(),
        rows=[services.PurchaseRowSpec(variant=screws, quantity=D(3))],
        order_created_date=MARCH_1,
    )
    # then the defaults apply
    row = order.rows.get()
    assert (order.order_no, order.status, order.currency) == ("PO-1", P.NOT_RECEIVED, "USD")
    assert order.expected_arrival_date == MARCH_1 + timedelta(days=10)
    assert row.price_per_unit == D(24)
    assert (row.purchase_uom, row.purchase_uom_conversion_rate) == ("box", D(12))
    assert row.arrival_date == order.expected_arrival_date


def test_an_item_without_purchase_uom_has_rate_one() -> None:
    order = fp.purchase_order(fp.row(f.material(price="3"), 2))
    row = order.rows.get()
    assert (row.purchase_uom, row.purchase_uom_conversion_rate) == ("", D(1))
    assert fp.expected(row.variant) == D(2)


def test_explicit_row_values_win_over_the_defaults() -> None:
    board = f.material(price="3")
    arrival = MARCH_1 + timedelta(days=3)
    order = services.create_purchase_order(
        supplier=f.supplier(),
        location=f.location(),
        rows=[
            services.PurchaseRowSpec(
                variant=board,
                quantity=D(2),
                price_per_unit=D("2.5"),
                arrival_date=arrival,
                purchase_uom="pack",
                purchase_uom_conversion_rate=D(6),
            )
        ],
    )
    row = order.rows.get()
    assert (row.price_per_unit, row.arrival_date) == (D("2.5"), arrival)
    assert (row.purchase_uom, row.purchase_uom_conversion_rate) == ("pack", D(6))
    assert fp.expected(board) == D(12)


def test_order_numbers_count_up_past_the_highest_one_used() -> None:
    assert fp.purchase_order().order_no == "PO-1"
    assert fp.purchase_order(order_no="PO-41").order_no == "PO-41"
    assert fp.purchase_order(order_no="Rush 7").order_no == "Rush 7"
    assert fp.purchase_order().order_no == "PO-42"


def test_a_draft_is_no_supply_and_touches_nothing(touched: set[tuple[int, int]]) -> None:
    board = f.material()
    touched.clear()
    fp.purchase_order(fp.row(board, 4), status=P.DRAFT)
    assert fp.expected(board) == D(0)
    assert touched == set()


def test_a_new_order_touches_each_row(touched: set[tuple[int, int]]) -> None:
    board, glue = f.material(), f.material()
    here = f.location()
    touched.clear()
    fp.purchase_order(fp.row(board, 1), fp.row(glue, 1), at=here)
    assert touched == {(board.pk, here.pk), (glue.pk, here.pk)}


def _refused_create(error: type[DomainError], match: str, **kwargs: object) -> None:
    """Creating with `kwargs` is refused with `error`, and no order or row is left."""
    args: dict[str, object] = {
        "supplier": f.supplier(),
        "location": f.location(),
        "rows": [fp.row(f.material(), 1)],
    }
    args.update(kwargs)
    before = fp.snapshot()
    with pytest.raises(error, match=match):
        services.create_purchase_order(**args)  # type: ignore[arg-type]
    assert fp.snapshot() == before


def test_creation_refuses_an_order_without_rows() -> None:
    _refused_create(DomainError, "at least one row", rows=[])


@pytest.mark.parametrize("status", [P.PARTIALLY_RECEIVED, P.RECEIVED])
def test_creation_refuses_a_received_status(status: P) -> None:
    _refused_create(DomainError, "DRAFT or NOT_RECEIVED", status=status)


@pytest.mark.parametrize("quantity", ["0", "-2"])
def test_creation_refuses_a_non_positive_quantity(quantity: str) -> None:
    _refused_create(
        InvalidQuantity,
        "row 2: quantity",
        rows=[fp.row(f.material(), 1), fp.row(f.material(), quantity)],
    )


def test_creation_refuses_a_negative_price() -> None:
    _refused_create(DomainError, "price", rows=[fp.row(f.material(), 1, price="-1")])


def test_creation_refuses_a_service() -> None:
    _refused_create(DomainError, "service", rows=[fp.row(f.service_item(), 1)])


def test_creation_refuses_an_item_that_is_not_purchasable() -> None:
    made_only = f.product(purchasable=False)
    _refused_create(DomainError, "not purchasable", rows=[fp.row(made_only, 1)])


def test_creation_refuses_an_archived_variant() -> None:
    board = f.material()
    catalog.archive_item(item=board.item)
    board.refresh_from_db()
    _refused_create(NotFound, "archived", rows=[fp.row(board, 1)])


def test_creation_refuses_a_location_without_buying() -> None:
    shop_floor = f.location("Shop floor", purchase_allowed=False)
    _refused_create(DomainError, "does not allow purchasing", location=shop_floor)


def test_creation_refuses_a_taken_order_number() -> None:
    fp.purchase_order(order_no="PO-7")
    _refused_create(DomainError, "used by another", order_no="PO-7")


def test_creation_refuses_a_foreign_uom_without_rate() -> None:
    spec = services.PurchaseRowSpec(variant=f.material(), quantity=D(1), purchase_uom="crate")
    _refused_create(DomainError, "needs a conversion rate", rows=[spec])
