"""The BOM and routing editors of a product variant."""

import pytest
from django.test import Client
from django.urls import reverse

from makeline.catalog.enums import OperationType
from makeline.catalog.models import BomRow, RoutingRow, Variant
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db


def recipe_url(variant: Variant) -> str:
    return reverse("web:items:recipe", args=[variant.pk])


def ingredient_names(variant: Variant) -> list[str]:
    rows = BomRow.objects.filter(product_variant=variant).order_by("rank", "created_at")
    return [row.ingredient_variant.item.name for row in rows]


def operation_names(variant: Variant) -> list[str]:
    return [r.operation_name for r in RoutingRow.objects.filter(product_variant=variant)]


# --- the page and the BOM's stock cost ------------------------------------------------


def test_the_editor_needs_a_signed_in_user(client: Client) -> None:
    assert client.get(recipe_url(f.product())).status_code == 302


def test_the_bom_is_costed_at_average_cost_or_the_purchase_price_per_stock_unit(
    signed_in: Client,
) -> None:
    # given a board in stock at an average cost of 3, and screws never stocked, bought in
    # boxes of 100 at 5 a box
    board = f.material("Oak board", price="9")
    f.stock(board, 10, cost="3")
    screws = f.material("Screw", price="5", purchase_uom="box", rate="100")
    table = f.product("Oak table", bom={board: "4", screws: "20"})
    # when the editor opens
    response = signed_in.get(recipe_url(table))
    # then the board counts 4 × 3 and the screws 20 × 0.05; the total is 13
    lines = {line.row.ingredient_variant: line for line in response.context["bom"].lines}
    assert lines[board].cost == D(12)
    assert not lines[board].cost_is_placeholder
    assert lines[screws].cost == D("1")
    assert lines[screws].cost_is_placeholder
    assert response.context["bom"].stock_cost == D(13)
    assert "13.00" in response.content.decode()


def test_the_editor_runs_a_constant_number_of_queries(
    signed_in: Client, django_assert_max_num_queries: object
) -> None:
    ingredients = {f.material(): "1" for _ in range(15)}
    table = f.product(bom=ingredients)
    for _ in range(5):
        f.operation(table)
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        signed_in.get(recipe_url(table))


# --- adding, editing, removing, reordering ingredients ---------------------------------


def test_an_ingredient_is_added_by_its_sku(signed_in: Client) -> None:
    board = f.material("Oak board")
    table = f.product("Oak table")
    response = signed_in.post(
        reverse("web:items:add_bom_row", args=[table.pk]),
        {"add-ingredient": f"{board.sku} · Oak board", "add-quantity": "4", "add-notes": "cut"},
    )
    row = BomRow.objects.get(product_variant=table)
    assert (row.ingredient_variant, row.quantity, row.notes) == (board, D(4), "cut")
    assert response["Location"] == recipe_url(table)


def test_a_bom_cycle_is_shown_next_to_the_ingredient_with_the_input_kept(
    signed_in: Client,
) -> None:
    # given a table whose BOM holds a leg
    leg = f.product("Leg")
    table = f.product("Table", bom={leg: "4"})
    # when the table is added to the leg's BOM
    typed = f"{table.sku} · Table"
    response = signed_in.post(
        reverse("web:items:add_bom_row", args=[leg.pk]),
        {"add-ingredient": typed, "add-quantity": "2"},
    )
    # then the cycle is refused on the ingredient field, the input stays, nothing is saved
    form = response.context["bom_form"]
    assert response.status_code == 200
    assert "BOM cycle" in form.errors["ingredient"][0]
    html = response.content.decode()
    assert f'value="{typed}"' in html
    assert "Leg → Table → Leg" in html
    assert not BomRow.objects.filter(product_variant=leg).exists()


def test_an_unknown_ingredient_is_refused(signed_in: Client) -> None:
    table = f.product("Oak table")
    response = signed_in.post(
        reverse("web:items:add_bom_row", args=[table.pk]),
        {"add-ingredient": "NO-SUCH-SKU", "add-quantity": "1"},
    )
    assert "ingredient" in response.context["bom_form"].errors
    assert not BomRow.objects.exists()


def test_a_zero_quantity_is_refused_next_to_the_quantity(signed_in: Client) -> None:
    board = f.material("Oak board")
    table = f.product("Oak table")
    response = signed_in.post(
        reverse("web:items:add_bom_row", args=[table.pk]),
        {"add-ingredient": board.sku, "add-quantity": "0"},
    )
    assert "positive" in response.context["bom_form"].errors["quantity"][0]
    assert not BomRow.objects.exists()


def test_an_ingredient_row_can_be_edited(signed_in: Client) -> None:
    board = f.material("Oak board")
    table = f.product("Oak table", bom={board: "4"})
    row = BomRow.objects.get()
    signed_in.post(
        reverse("web:items:edit_bom_row", args=[row.pk]),
        {f"b{row.pk}-quantity": "2.5", f"b{row.pk}-notes": "planed"},
    )
    row.refresh_from_db()
    assert (row.quantity, row.notes) == (D("2.5"), "planed")
    assert row.product_variant == table


def test_a_refused_row_edit_is_shown_on_that_row_and_saves_nothing(signed_in: Client) -> None:
    board = f.material("Oak board")
    f.product("Oak table", bom={board: "4"})
    row = BomRow.objects.get()
    response = signed_in.post(
        reverse("web:items:edit_bom_row", args=[row.pk]),
        {f"b{row.pk}-quantity": "-1", f"b{row.pk}-notes": "planed"},
    )
    (_, form), *_ = response.context["bom_lines"]
    assert "positive" in form.errors["quantity"][0]
    assert 'value="planed"' in response.content.decode()
    row.refresh_from_db()
    assert (row.quantity, row.notes) == (D(4), "")


def test_up_and_down_reorder_the_ingredients(signed_in: Client) -> None:
    # given a BOM of A, B, C
    a, b, c = f.material("A"), f.material("B"), f.material("C")
    table = f.product(bom={a: "1", b: "1", c: "1"})
    row_c = BomRow.objects.get(ingredient_variant=c)
    row_a = BomRow.objects.get(ingredient_variant=a)
    # when C moves up and A moves down
    signed_in.post(reverse("web:items:move_bom_row", args=[row_c.pk]), {"direction": "up"})
    assert ingredient_names(table) == ["A", "C", "B"]
    signed_in.post(reverse("web:items:move_bom_row", args=[row_a.pk]), {"direction": "down"})
    # then the order follows and the ranks are 1..3
    assert ingredient_names(table) == ["C", "A", "B"]
    ranks = BomRow.objects.filter(product_variant=table).values_list("rank", flat=True)
    assert sorted(ranks) == [1, 2, 3]


def test_moving_the_first_ingredient_up_changes_nothing(signed_in: Client) -> None:
    a, b = f.material("A"), f.material("B")
    table = f.product(bom={a: "1", b: "1"})
    row_a = BomRow.objects.get(ingredient_variant=a)
    signed_in.post(reverse("web:items:move_bom_row", args=[row_a.pk]), {"direction": "up"})
    assert ingredient_names(table) == ["A", "B"]


def test_an_ingredient_can_be_removed(signed_in: Client) -> None:
    board = f.material("Oak board")
    f.product("Oak table", bom={board: "4"})
    row = BomRow.objects.get()
    signed_in.post(reverse("web:items:delete_bom_row", args=[row.pk]))
    assert not BomRow.objects.exists()


def test_bom_changes_need_a_signed_in_user(client: Client) -> None:
    board = f.material("Oak board")
    table = f.product("Oak table", bom={board: "4"})
    row = BomRow.objects.get()
    client.post(reverse("web:items:delete_bom_row", args=[row.pk]))
    client.post(
        reverse("web:items:add_bom_row", args=[table.pk]),
        {"add-ingredient": board.sku, "add-quantity": "1"},
    )
    assert BomRow.objects.count() == 1


def test_the_ingredient_search_offers_materials_and_products_by_name_or_sku(
    signed_in: Client,
) -> None:
    board = f.material("Oak board")
    f.service_item("Oak oiling")
    table = f.product("Oak table")
    response = signed_in.get(
        reverse("web:items:ingredient_search", args=[table.pk]), {"add-ingredient": "oak"}
    )
    assert response.context["found"] == [board]
    assert f'value="{board.sku} · Oak board"' in response.content.decode()


# --- operations -------------------------------------------------------------------------


def operation_form(prefix: str, resource_id: int, **changes: str) -> dict[str, str]:
    data = {"operation_name": "Sanding", "resource": str(resource_id), "type": "process"}
    data.update({"minutes": "1.5", "cost_parameter": ""}, **changes)
    return {f"{prefix}-{k}": v for k, v in data.items()}


def test_an_operation_is_added_with_minutes_stored_as_seconds(signed_in: Client) -> None:
    bench = f.resource("Bench", cost_per_hour="30")
    table = f.product("Oak table")
    signed_in.post(
        reverse("web:items:add_routing_row", args=[table.pk]), operation_form("op", bench.pk)
    )
    row = RoutingRow.objects.get()
    assert (row.operation_name, row.planned_time_per_unit, row.cost_parameter) == (
        "Sanding",
        D(90),
        D(30),
    )


def test_a_negative_time_is_refused_next_to_the_minutes(signed_in: Client) -> None:
    bench = f.resource("Bench")
    table = f.product("Oak table")
    response = signed_in.post(
        reverse("web:items:add_routing_row", args=[table.pk]),
        operation_form("op", bench.pk, minutes="-1"),
    )
    assert "negative" in response.context["routing_form"].errors["minutes"][0]
    assert 'value="Sanding"' in response.content.decode()
    assert not RoutingRow.objects.exists()


def test_an_operation_can_be_edited(signed_in: Client) -> None:
    table = f.product("Oak table")
    f.operation(table, name="Assembly")
    row = RoutingRow.objects.get()
    saw = f.resource("Saw", cost_per_hour="50")
    signed_in.post(
        reverse("web:items:edit_routing_row", args=[row.pk]),
        operation_form(f"r{row.pk}", saw.pk, type="perUnit", minutes="2", cost_parameter="3"),
    )
    row.refresh_from_db()
    assert (row.operation_name, row.resource, row.type) == ("Sanding", saw, OperationType.PER_UNIT)
    assert (row.planned_time_per_unit, row.cost_parameter) == (D(120), D(3))


def test_a_refused_operation_edit_saves_nothing(signed_in: Client) -> None:
    table = f.product("Oak table")
    f.operation(table, name="Assembly")
    row = RoutingRow.objects.get()
    response = signed_in.post(
        reverse("web:items:edit_routing_row", args=[row.pk]),
        operation_form(f"r{row.pk}", row.resource_id, operation_name="   "),
    )
    ((_, form),) = response.context["routing_rows"]
    assert form.errors
    row.refresh_from_db()
    assert row.operation_name == "Assembly"


def test_operations_are_reordered_and_removed(signed_in: Client) -> None:
    table = f.product("Oak table")
    for name in ("Cut", "Sand", "Oil"):
        f.operation(table, name=name)
    oil = RoutingRow.objects.get(operation_name="Oil")
    signed_in.post(reverse("web:items:move_routing_row", args=[oil.pk]), {"direction": "up"})
    assert operation_names(table) == ["Cut", "Oil", "Sand"]
    signed_in.post(reverse("web:items:delete_routing_row", args=[oil.pk]))
    assert operation_names(table) == ["Cut", "Sand"]


def test_operation_changes_need_a_signed_in_user(client: Client) -> None:
    table = f.product("Oak table")
    f.operation(table, name="Cut")
    row = RoutingRow.objects.get()
    client.post(reverse("web:items:delete_routing_row", args=[row.pk]))
    assert RoutingRow.objects.exists()


def test_only_products_have_an_editor(signed_in: Client) -> None:
    assert signed_in.get(recipe_url(f.material())).status_code == 404
