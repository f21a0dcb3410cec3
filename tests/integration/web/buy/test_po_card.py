"""The purchase order card: editing, confirming, receiving (all or some), reverting,
deleting, and printing to PDF."""

from typing import Any

import pytest
from django.test import Client

from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder
from tests import factories as f
from tests import factories_production as fp
from tests import factories_purchasing as fpo
from tests.factories import D

pytestmark = pytest.mark.django_db

P = PurchaseOrderStatus


def _card_post(order: PurchaseOrder, **changes: Any) -> dict[str, str]:
    """The card's form as the browser sends it unchanged, with `changes` applied."""
    rows = list(order.rows.filter(received_date__isnull=True))
    data = {
        "supplier": str(order.supplier_id),
        "location": str(order.location_id),
        "order_no": order.order_no,
        "expected_arrival_date": order.expected_arrival_date.date().isoformat()
        if order.expected_arrival_date
        else "",
        "currency": order.currency,
        "additional_info": order.additional_info,
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(len(rows)),
    }
    for n, row in enumerate(rows):
        data.update(
            {
                f"rows-{n}-row_id": str(row.pk),
                f"rows-{n}-item": str(row.variant),
                f"rows-{n}-quantity": str(row.quantity.normalize()),
                f"rows-{n}-price_per_unit": str(row.price_per_unit.normalize()),
                f"rows-{n}-tax_rate": str(row.tax_rate_id or ""),
                f"rows-{n}-arrival_date": "",
            }
        )
    data.update({k: str(v) for k, v in changes.items()})
    return data


def test_the_card_needs_sign_in(client: Client) -> None:
    order = fpo.purchase_order()
    for url in (f"/buy/orders/{order.pk}/", f"/buy/orders/{order.pk}/pdf/"):
        assert client.get(url).status_code == 302


def test_the_card_shows_rows_in_the_purchase_unit_with_its_conversion(signed_in: Client) -> None:
    order = fpo.purchase_order(fpo.row(fpo.boxed_material(), 2))
    page = signed_in.get(f"/buy/orders/{order.pk}/").content.decode()
    assert "1 box = 12 pcs" in page
    assert "48.00 EUR" in page  # 2 boxes × 24


def test_saving_the_card_changes_header_and_row(signed_in: Client) -> None:
    order = fpo.purchase_order(fpo.row(f.material("Oak"), 2, price="5"))
    data = _card_post(order, additional_info="dock 3", **{"rows-0-quantity": "7"})
    response = signed_in.post(f"/buy/orders/{order.pk}/", data)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.additional_info == "dock 3"
    assert order.rows.get().quantity == D(7)


def test_a_refused_card_save_keeps_the_input_and_saves_nothing(signed_in: Client) -> None:
    # given a header change and a row change that the service refuses (zero quantity)
    order = fpo.purchase_order(fpo.row(f.material("Oak"), 2))
    before = fpo.snapshot()
    data = _card_post(order, additional_info="dock 3", **{"rows-0-quantity": "0"})
    response = signed_in.post(f"/buy/orders/{order.pk}/", data)
    page = response.content.decode()
    # then the error is shown at the row, what was typed is still there, nothing is saved
    assert response.status_code == 200
    assert "quantity must be greater than zero" in page
    assert "dock 3" in page
    assert fpo.snapshot() == before


def test_a_row_can_be_added_and_another_removed_in_one_save(signed_in: Client) -> None:
    oak, pine = f.material("Oak"), f.material("Pine")
    order = fpo.purchase_order(fpo.row(oak, 2))
    data = _card_post(order, **{"rows-0-DELETE": "on"})
    data.update({"rows-TOTAL_FORMS": "2", "rows-1-item": str(pine), "rows-1-quantity": "3"})
    signed_in.post(f"/buy/orders/{order.pk}/", data)
    (row,) = order.rows.all()
    assert (row.variant, row.quantity) == (pine, D(3))


def test_removing_the_last_row_is_refused_at_the_row(signed_in: Client) -> None:
    order = fpo.purchase_order(fpo.row(f.material("Oak"), 2))
    before = fpo.snapshot()
    response = signed_in.post(
        f"/buy/orders/{order.pk}/", _card_post(order, **{"rows-0-DELETE": "on"})
    )
    assert "delete the order instead" in response.content.decode()
    assert fpo.snapshot() == before


def test_confirming_a_draft_makes_its_rows_expected(signed_in: Client) -> None:
    oak = f.material("Oak")
    order = fpo.purchase_order(fpo.row(oak, 4), status=P.DRAFT)
    response = signed_in.post(f"/buy/orders/{order.pk}/confirm/")
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == P.NOT_RECEIVED
    assert fpo.expected(oak) == D(4)


def test_receive_all_puts_everything_in_stock(signed_in: Client) -> None:
    screws = fpo.boxed_material()
    order = fpo.purchase_order(fpo.row(screws, 2))
    signed_in.post(f"/buy/orders/{order.pk}/receive-all/")
    order.refresh_from_db()
    assert order.status == P.RECEIVED
    assert fp.on_hand(screws) == D(24)


def test_receive_some_splits_the_row_and_moves_stock(signed_in: Client) -> None:
    # given 5 boxes of screws ordered
    screws = fpo.boxed_material()
    order = fpo.purchase_order(fpo.row(screws, 5))
    row = order.rows.get()
    # when 2 boxes are received
    response = signed_in.post(
        f"/buy/orders/{order.pk}/receive/", {f"row_{row.pk}": "2", "received_date": ""}
    )
    assert response.status_code == 302
    # then the row is split: 3 boxes still to come, 2 received; 24 pcs are in stock
    order.refresh_from_db()
    assert order.status == P.PARTIALLY_RECEIVED
    rows = {(r.quantity, r.received_date is not None) for r in order.rows.all()}
    assert rows == {(D(3), False), (D(2), True)}
    assert fp.on_hand(screws) == D(24)
    assert fpo.expected(screws) == D(36)
    page = signed_in.get(f"/buy/orders/{order.pk}/").content.decode()
    assert "split from a row still to come" in page


def test_receive_some_without_any_quantity_is_refused(signed_in: Client) -> None:
    order = fpo.purchase_order(fpo.row(f.material("Oak"), 5))
    row = order.rows.get()
    before = fpo.snapshot()
    response = signed_in.post(f"/buy/orders/{order.pk}/receive/", {f"row_{row.pk}": ""})
    assert "Enter a quantity to receive" in response.content.decode()
    assert fpo.snapshot() == before


def test_receive_some_of_a_draft_is_refused_by_the_service(signed_in: Client) -> None:
    order = fpo.purchase_order(fpo.row(f.material("Oak"), 5), status=P.DRAFT)
    row = order.rows.get()
    before = fpo.snapshot()
    response = signed_in.post(f"/buy/orders/{order.pk}/receive/", {f"row_{row.pk}": "1"})
    assert "confirm it before receiving" in response.content.decode()
    assert fpo.snapshot() == before


def test_revert_takes_the_stock_back_and_folds_the_split_row(signed_in: Client) -> None:
    oak = f.material("Oak")
    order = fpo.purchase_order(fpo.row(oak, 5))
    fpo.receive(order.rows.get(), 2)
    signed_in.post(f"/buy/orders/{order.pk}/revert/")
    order.refresh_from_db()
    assert order.status == P.NOT_RECEIVED
    assert [r.quantity for r in order.rows.all()] == [D(5)]
    assert fp.on_hand(oak) == D(0)


def test_deleting_an_order_with_received_stock_is_refused(signed_in: Client) -> None:
    order = fpo.purchase_order(fpo.row(f.material("Oak"), 5))
    fpo.receive(order.rows.get(), 5)
    response = signed_in.post(f"/buy/orders/{order.pk}/delete/", follow=True)
    assert "revert it to not received before deleting" in response.content.decode()
    assert PurchaseOrder.objects.filter(pk=order.pk).exists()


def test_deleting_an_order_goes_back_to_the_list(signed_in: Client) -> None:
    order = fpo.purchase_order()
    response = signed_in.post(f"/buy/orders/{order.pk}/delete/")
    assert response.status_code == 302
    assert not PurchaseOrder.objects.filter(pk=order.pk).exists()


def test_actions_are_posts_only(signed_in: Client) -> None:
    order = fpo.purchase_order()
    assert signed_in.get(f"/buy/orders/{order.pk}/receive-all/").status_code == 405


def test_the_pdf_is_a_printable_purchase_order(signed_in: Client) -> None:
    supplier = f.supplier("Acme Timber")
    order = fpo.purchase_order(fpo.row(fpo.boxed_material(), 2), supplier=supplier)
    response = signed_in.get(f"/buy/orders/{order.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"purchase-order-{order.order_no}.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 1024
    # and the card offers it
    assert (
        f"/buy/orders/{order.pk}/pdf/" in signed_in.get(f"/buy/orders/{order.pk}/").content.decode()
    )
