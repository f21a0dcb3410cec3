"""Katana's availability behaviours (katana-behaviour.md §7) driven through the services.

Every status is read from the stored plan, which each service call replanned for the keys
it touched: nothing here calls the planner directly.
"""

from datetime import UTC, datetime
from typing import Any

import pytest

from makeline.planning import selectors as plan
from makeline.production import orders as production
from makeline.production.ranking import rerank_manufacturing_order, rerank_sales_order
from makeline.purchasing import orders as purchasing
from makeline.sales import services as sales
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"2026-{day}T12:00:00").replace(tzinfo=UTC)


def order(product, quantity, *, customer=None, location=None):  # type: ignore[no-untyped-def]
    return sales.create_sales_order(
        customer=customer or f.customer(),
        location=location or f.location(),
        rows=[sales.RowSpec(variant=product, quantity=D(quantity))],
    )


def product_status(so) -> tuple[str | None, object]:  # type: ignore[no-untyped-def]
    s = plan.sales_order_statuses(so).product
    return s.status, s.expected_date


def test_priority_allocation_of_stock_and_expected_supply() -> None:
    # given P in stock 4, an MTS MO for 3 P due 03-10, and three orders of 3 ranked 1, 2, 3
    p = f.product("P")
    here = f.location()
    f.stock(p, 4, at=here)
    production.create_manufacturing_order(
        variant=p, location=here, planned_quantity=D(3), production_deadline_date=at("03-10")
    )
    so1, so2, so3 = (order(p, 3, location=here) for _ in range(3))
    # then
    assert product_status(so1) == ("IN_STOCK", None)
    assert product_status(so2) == ("EXPECTED", at("03-10").date())
    assert product_status(so3)[0] == "NOT_AVAILABLE"
    figures = plan.inventory_figures(variant_id=p.pk, location_id=here.pk)
    assert (figures.in_stock, figures.committed, figures.expected) == (D(4), D(9), D(3))
    assert figures.missing_or_excess == D(-2)
    # when SO-3 is dragged to the top
    rerank_sales_order(order=so3, before=so1)
    # then
    assert product_status(so3)[0] == "IN_STOCK"
    assert product_status(so1)[0] == "EXPECTED"
    assert product_status(so2)[0] == "NOT_AVAILABLE"


def test_rows_are_all_or_nothing_and_the_date_is_the_latest_supply_used() -> None:
    # given P in stock 1, POs bringing 1 on 03-05 and 5 on 03-09, Q in stock 5
    p, q = f.product("P", purchasable=True), f.product("Q")
    here, supplier = f.location(), f.supplier()
    f.stock(p, 1, at=here)
    f.stock(q, 5, at=here)
    for quantity, day in ((1, "03-05"), (5, "03-09")):
        purchasing.create_purchase_order(
            supplier=supplier,
            location=here,
            expected_arrival_date=at(day),
            rows=[purchasing.PurchaseRowSpec(variant=p, quantity=D(quantity))],
        )
    so = sales.create_sales_order(
        customer=f.customer(),
        location=here,
        rows=[sales.RowSpec(variant=p, quantity=D(2)), sales.RowSpec(variant=q, quantity=D(1))],
    )
    r1, r2 = so.rows.all()
    rows = plan.sales_row_statuses([r1, r2])
    assert (rows[r1.pk].product.status, rows[r1.pk].product.expected_date) == (
        "EXPECTED",
        at("03-05").date(),
    )
    assert rows[r2.pk].product.status == "IN_STOCK"
    assert product_status(so) == ("EXPECTED", at("03-05").date())
    # when r1 needs 8 (1 + 1 + 5 = 7 < 8)
    sales.update_row(row=r1, changes={"quantity": D(8)})
    assert product_status(so)[0] == "NOT_AVAILABLE"
    # when r1 needs 7
    sales.update_row(row=r1, changes={"quantity": D(7)})
    assert product_status(so) == ("EXPECTED", at("03-09").date())


def test_a_draft_purchase_order_counts_for_nothing() -> None:
    m = f.material("M")
    here = f.location()
    po = purchasing.create_purchase_order(
        supplier=f.supplier(),
        location=here,
        status="DRAFT",  # type: ignore[arg-type]
        rows=[purchasing.PurchaseRowSpec(variant=m, quantity=D(10))],
    )
    assert plan.inventory_figures(variant_id=m.pk, location_id=here.pk).expected == D(0)
    purchasing.confirm(order=po)
    assert plan.inventory_figures(variant_id=m.pk, location_id=here.pk).expected == D(10)


def test_ingredient_availability_follows_schedule_rank_and_purchase_orders() -> None:
    # given M in stock 10, MO-A and MO-B each needing 8 M, a PO for 10 M arriving 03-12
    m = f.material("M")
    p = f.product("P", bom={m: "8"})
    here = f.location()
    f.stock(m, 10, at=here)
    mo_a = production.create_manufacturing_order(variant=p, location=here, planned_quantity=D(1))
    mo_b = production.create_manufacturing_order(variant=p, location=here, planned_quantity=D(1))
    po = purchasing.create_purchase_order(
        supplier=f.supplier(),
        location=here,
        expected_arrival_date=at("03-12"),
        rows=[purchasing.PurchaseRowSpec(variant=m, quantity=D(10))],
    )
    assert plan.manufacturing_order_status(mo_a).status == "IN_STOCK"
    status_b = plan.manufacturing_order_status(mo_b)
    assert (status_b.status, status_b.expected_date) == ("EXPECTED", at("03-12").date())
    # when the ranks swap, the statuses swap
    rerank_manufacturing_order(mo=mo_b, before=mo_a)
    assert plan.manufacturing_order_status(mo_b).status == "IN_STOCK"
    assert plan.manufacturing_order_status(mo_a).status == "EXPECTED"
    # without the PO, the lower one is not available
    purchasing.set_draft(order=po)
    assert plan.manufacturing_order_status(mo_a).status == "NOT_AVAILABLE"


def test_no_recipe_and_not_applicable_ingredient_statuses() -> None:
    here = f.location()
    bare = f.product("No BOM yet")
    bought = f.product("Bought in", producible=False, purchasable=True)
    so = sales.create_sales_order(
        customer=f.customer(),
        location=here,
        rows=[
            sales.RowSpec(variant=bare, quantity=D(1)),
            sales.RowSpec(variant=bought, quantity=D(1)),
        ],
    )
    r1, r2 = so.rows.all()
    rows = plan.sales_row_statuses([r1, r2])
    assert rows[r1.pk].ingredients.status == "NO_RECIPE"
    assert rows[r2.pk].ingredients.status == "NOT_APPLICABLE"


def test_stock_is_checked_per_location() -> None:
    # given 10 at L1 and 100 at L2
    p = f.product("P")
    l1, l2 = f.location(), f.location("L2")
    f.stock(p, 10, at=l1)
    f.stock(p, 100, at=l2)
    # when an order at L1 needs 12
    so = order(p, 12, location=l1)
    # then it is not available, whatever L2 holds
    assert product_status(so)[0] == "NOT_AVAILABLE"


def test_calculated_stock_subtracts_safety_stock() -> None:
    from makeline.inventory import services as inventory

    p = f.product("P")
    here = f.location()
    f.stock(p, 10, at=here)
    inventory.set_safety_stock(variant=p, location=here, level=D(6))
    order(p, 7, location=here)
    figures = plan.inventory_figures(variant_id=p.pk, location_id=here.pk)
    assert figures.missing_or_excess == D(10 - 7 + 0 - 6)


def test_make_to_order_pegging_beats_priority() -> None:
    from makeline.production import completion, make_to_order

    # given no P in stock; SO-1 (rank 1, 2 P, no MO) and SO-2 (rank 2, 2 P, MTO MO)
    p = f.product("P")
    here = f.location()
    so1, so2 = order(p, 2, location=here), order(p, 2, location=here)
    mo = make_to_order.make_to_order(sales_order_row=so2.rows.get())
    # the linked row is expected at once, whatever its rank
    assert product_status(so2)[0] == "EXPECTED"
    assert product_status(so1)[0] == "NOT_AVAILABLE"
    # when the MO is done, its output is reserved for SO-2 although SO-1 ranks higher
    completion.complete(mo=mo)
    assert plan.inventory_figures(variant_id=p.pk, location_id=here.pk).in_stock == D(2)
    assert product_status(so2)[0] == "IN_STOCK"
    assert product_status(so1)[0] == "NOT_AVAILABLE"


def test_make_to_order_commits_ingredients_and_expects_the_product() -> None:
    from makeline.production import make_to_order

    m, s = f.material("M"), f.product("S")
    p = f.product("P", bom={m: "2", s: "1"})
    here = f.location()
    so = order(p, 5, location=here)
    make_to_order.make_to_order(sales_order_row=so.rows.get())
    assert plan.inventory_figures(variant_id=p.pk, location_id=here.pk).expected == D(5)
    assert plan.inventory_figures(variant_id=m.pk, location_id=here.pk).committed == D(10)
    assert plan.inventory_figures(variant_id=s.pk, location_id=here.pk).committed == D(5)
    assert plan.sales_order_statuses(so).production == "NOT_STARTED"


def test_a_quote_with_make_to_order_production_cannot_go_back_to_quote() -> None:
    from makeline.common.errors import Conflict
    from makeline.production import make_to_order

    p = f.product("P")
    so = order(p, 1)
    make_to_order.make_to_order(sales_order_row=so.rows.get())
    with pytest.raises(Conflict, match="make-to-order"):
        make_to_order.revert_to_quote(order=so)
    so.refresh_from_db()
    assert so.status == "NOT_SHIPPED"


def test_explanation_names_the_higher_ranked_rows_that_took_the_stock() -> None:
    p = f.product("P")
    here = f.location()
    f.stock(p, 4, at=here)
    so1, so2 = order(p, 3, location=here), order(p, 3, location=here)
    why = plan.explanation(f"so:{so2.rows.get().pk}")
    assert why is not None
    assert [(t.demand_id, t.quantity) for t in why.why.taken_before] == [
        (f"so:{so1.rows.get().pk}", D(3))
    ]
    assert [(c.supply_id, c.quantity) for c in why.why.covered_by] == [(None, D(1))]
    assert why.why.missing == D(2)
    assert why.sentences() == [
        f"{so1.order_no} (served before) took 3 from stock",
        "This row gets 1 from stock",
        "2 is missing: nothing in stock or expected covers it",
    ]


def test_planning_announces_availability_changes_once_committed(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from makeline.common import events

    heard: list[tuple[str, int]] = []

    def listener(event: events.Event) -> None:
        heard.append((event.event, event.object_id))

    events.register_listener(listener)
    try:
        p = f.product("P")
        here = f.location()
        f.stock(p, 4, at=here)
        with django_capture_on_commit_callbacks(execute=True):
            so1 = order(p, 3, location=here)
        assert ("current_inventory.product_out_of_stock", p.pk) not in heard  # 4 - 3 > 0
        with django_capture_on_commit_callbacks(execute=True):
            so2 = order(p, 3, location=here)
        # calculated stock fell to 4 - 6 < 0, and SO-2's availability is new
        assert ("current_inventory.product_out_of_stock", p.pk) in heard
        assert ("sales_order.availability_updated", so2.pk) in heard
        heard.clear()
        # when SO-2 is dragged to the top, both orders' statuses change
        with django_capture_on_commit_callbacks(execute=True):
            rerank_sales_order(order=so2, before=so1)
        changed = {oid for name, oid in heard if name == "sales_order.availability_updated"}
        assert changed == {so1.pk, so2.pk}
        assert ("current_inventory.product_out_of_stock", p.pk) not in heard  # no new crossing
    finally:
        events.unregister_listener(listener)
