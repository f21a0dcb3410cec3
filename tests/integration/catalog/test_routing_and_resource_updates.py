"""Changing an operation step of a routing, and a resource."""

import pytest

from makeline.catalog import services
from makeline.catalog.enums import ItemKind, OperationType
from makeline.catalog.models import Item, Resource, RoutingRow
from makeline.common.errors import DomainError
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db


def an_operation() -> RoutingRow:
    f.operation(f.product("Oak table"), name="Assembly", seconds_per_unit="1800")
    return RoutingRow.objects.get()


def test_an_operation_step_can_be_changed() -> None:
    row = an_operation()
    saw = f.resource("Saw")
    services.update_routing_row(
        row=row,
        changes={"operation_name": "Cutting", "resource": saw, "planned_time_per_unit": D(60)},
    )
    row.refresh_from_db()
    assert (row.operation_name, row.resource, row.planned_time_per_unit) == ("Cutting", saw, D(60))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"type": "sometimes"}, "type"),
        ({"planned_time_per_unit": D(-1)}, "planned_time_per_unit"),
        ({"operation_name": "  "}, "operation_name"),
        ({"product_variant": None}, "product_variant"),
    ],
)
def test_a_refused_operation_change_saves_nothing(changes: dict[str, object], field: str) -> None:
    row = an_operation()
    with pytest.raises(DomainError) as refused:
        services.update_routing_row(row=row, changes=changes)
    assert refused.value.field == field
    row.refresh_from_db()
    assert (row.operation_name, row.type, row.planned_time_per_unit) == (
        "Assembly",
        OperationType.PROCESS,
        D(1800),
    )


def test_a_resource_can_be_renamed_and_repriced() -> None:
    bench = f.resource("Bench", cost_per_hour="30")
    services.update_resource(resource=bench, changes={"name": "Workbench", "cost_per_hour": D(35)})
    bench.refresh_from_db()
    assert (bench.name, bench.cost_per_hour) == ("Workbench", D(35))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "Saw"}, "name"),
        ({"name": " "}, "name"),
        ({"cost_per_hour": D(-1)}, "cost_per_hour"),
    ],
)
def test_a_refused_resource_change_saves_nothing(changes: dict[str, object], field: str) -> None:
    f.resource("Saw")
    bench = f.resource("Bench", cost_per_hour="30")
    with pytest.raises(DomainError) as refused:
        services.update_resource(resource=bench, changes=changes)
    assert refused.value.field == field
    stored = Resource.objects.get(pk=bench.pk)
    assert (stored.name, stored.cost_per_hour) == ("Bench", D(30))


def test_a_material_is_refused_as_producible_before_anything_is_stored() -> None:
    with pytest.raises(DomainError) as refused:
        services.create_item(kind=ItemKind.MATERIAL, name="Oak board", is_producible=True)
    assert refused.value.field == "is_producible"
    assert not Item.objects.exists()
