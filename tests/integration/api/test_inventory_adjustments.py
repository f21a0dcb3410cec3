"""/stock_adjustments: create books the stock, PATCH changes the header (a new location or
date moves the booked stock), DELETE takes the stock back out."""

from typing import Any

import pytest

from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockAdjustment, StockMove
from tests import factories as f
from tests import factories_production as fpr
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db

MISSING = 987654


def _create(api: Api, **body: Any) -> Any:
    return api.post("/stock_adjustments", body)


def test_create_books_each_row_into_stock(api: Api) -> None:
    # given a material with some stock
    material, other, here = f.material(), f.material(), f.location()
    f.stock(material, 5, cost="2")
    # when an adjustment adds one and removes the other
    answer = _create(
        api,
        location_id=here.pk,
        stock_adjustment_number="SA-COUNT",
        reason="stocktake",
        stock_adjustment_rows=[
            {"variant_id": other.pk, "quantity": 4, "cost_per_unit": 3},
            {"variant_id": material.pk, "quantity": -2},
        ],
    )
    # then it is answered like Katana and the stock moved
    assert answer.status == 200
    body = answer.body
    assert (body["stock_adjustment_number"], body["reason"]) == ("SA-COUNT", "stocktake")
    assert body["additional_info"] is None
    assert [
        (r["variant_id"], r["quantity"], r["cost_per_unit"]) for r in body["stock_adjustment_rows"]
    ] == [
        (other.pk, 4, 3),
        (material.pk, -2, 2),  # negative rows go out at the average cost
    ]
    assert fpr.on_hand(other, here) == f.D(4)
    assert fpr.on_hand(material, here) == f.D(3)


@pytest.mark.parametrize(
    ("rows", "path"),
    [
        ([], ".stock_adjustment_rows"),
        ([{"variant_id": MISSING, "quantity": 1}], ".stock_adjustment_rows[0].variant_id"),
        ([{"variant_id": 0, "quantity": "x"}], ".stock_adjustment_rows[0].variant_id"),
        ([{"quantity": 1}], ".stock_adjustment_rows[0]"),
    ],
)
def test_create_refuses_bad_rows_and_books_nothing(
    api: Api, rows: list[dict[str, Any]], path: str
) -> None:
    answer = _create(api, location_id=f.location().pk, stock_adjustment_rows=rows)
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == path
    assert not StockAdjustment.objects.exists()
    assert not StockMove.objects.exists()


def test_create_refuses_a_cost_on_a_negative_row(api: Api) -> None:
    material = f.material()
    answer = _create(
        api,
        location_id=f.location().pk,
        stock_adjustment_rows=[{"variant_id": material.pk, "quantity": -1, "cost_per_unit": 2}],
    )
    assert answer.status == 422
    assert answer.body["details"][0]["code"] == "domain"
    assert not StockMove.objects.exists()


def test_create_refuses_an_unknown_location(api: Api) -> None:
    material = f.material()
    answer = _create(
        api, location_id=MISSING, stock_adjustment_rows=[{"variant_id": material.pk, "quantity": 1}]
    )
    assert (answer.status, answer.body["details"][0]["path"]) == (422, ".location_id")


def test_patch_changes_the_header_only(api: Api) -> None:
    adjustment = f.stock(f.material(), 3)
    answer = api.patch(
        f"/stock_adjustments/{adjustment.pk}",
        {"reason": "recount", "additional_info": "shelf B", "stock_adjustment_number": "SA-X"},
    )
    assert (answer.body["reason"], answer.body["additional_info"]) == ("recount", "shelf B")
    assert answer.body["stock_adjustment_number"] == "SA-X"
    assert StockMove.objects.count() == 1  # no stock moved


def test_patch_refuses_rows(api: Api) -> None:
    adjustment = f.stock(f.material(), 3)
    answer = api.patch(f"/stock_adjustments/{adjustment.pk}", {"stock_adjustment_rows": []})
    assert answer.status == 422
    assert answer.body["details"][0]["info"] == {"additionalProperty": "stock_adjustment_rows"}


def test_patch_to_another_location_moves_the_booked_stock(api: Api) -> None:
    # given 3 booked at the main location
    material, main, annex = f.material(), f.location(), f.location("Annex")
    adjustment = f.stock(material, 3, at=main, cost="2")
    # when the adjustment is moved to the annex
    answer = api.patch(f"/stock_adjustments/{adjustment.pk}", {"location_id": annex.pk})
    # then the stock moved with it; the ledger shows the reversal and the new booking
    assert answer.body["location_id"] == annex.pk
    assert (fpr.on_hand(material, main), fpr.on_hand(material, annex)) == (f.D(0), f.D(3))
    assert StockMove.objects.count() == 3
    assert check_ledger() == []


def test_delete_reverses_the_stock_and_removes_the_adjustment(api: Api) -> None:
    material, here = f.material(), f.location()
    f.stock(material, 10, cost="1")
    adjustment = f.stock(material, -4)
    assert api.delete(f"/stock_adjustments/{adjustment.pk}").status == 204
    assert fpr.on_hand(material, here) == f.D(10)
    assert not StockAdjustment.objects.filter(pk=adjustment.pk).exists()
    assert api.delete(f"/stock_adjustments/{adjustment.pk}").status == 404
    assert check_ledger() == []


def test_list_filters_and_pages(api: Api, django_assert_max_num_queries: Any) -> None:
    material = f.material()
    made = [f.stock(material, n + 1) for n in range(3)]
    with django_assert_max_num_queries(5):
        first = api.get("/stock_adjustments", limit=2)
    second = api.get("/stock_adjustments", limit=2, page=2)
    assert [a["id"] for a in first.data + second.data] == [a.pk for a in made]
    number = made[1].stock_adjustment_number
    assert [
        a["id"] for a in api.get("/stock_adjustments", stock_adjustment_number=number).data
    ] == [made[1].pk]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/stock_adjustments"),
        ("post", "/stock_adjustments"),
        ("patch", "/stock_adjustments/1"),
        ("delete", "/stock_adjustments/1"),
    ],
)
def test_adjustments_refuse_a_request_without_a_key(api: Api, method: str, path: str) -> None:
    anonymous = api.as_token(None)
    if method in ("get", "delete"):
        answer = getattr(anonymous, method)(path)
    else:
        answer = getattr(anonymous, method)(path, {})
    assert answer.status == 401


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_an_unknown_adjustment_is_404(api: Api, method: str) -> None:
    path = f"/stock_adjustments/{MISSING}"
    answer = api.delete(path) if method == "delete" else api.patch(path, {"reason": "x"})
    assert answer.status == 404
