"""Paging and the common list filters (ids, timestamps, deleted, archived)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from makeline.catalog import services
from makeline.catalog.models import Item
from tests import factories as f
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_a_limit_over_250_is_cut_to_250(api: Api) -> None:
    f.product()
    answer = api.get("/products", limit=1000, page=2)
    assert answer.pagination["offset"] == "250"
    assert answer.pagination["total_pages"] == "1"


def test_defaults_are_limit_50_page_1(api: Api) -> None:
    answer = api.get("/products")
    assert answer.pagination == {
        "total_records": "0",
        "total_pages": "0",
        "offset": "0",
        "page": "1",
        "first_page": "true",
        "last_page": "true",
    }


def test_a_page_past_the_end_is_200_with_empty_data(api: Api) -> None:
    f.product()
    answer = api.get("/products", page=9)
    assert (answer.status, answer.data) == (200, [])


def test_a_list_costs_the_same_queries_for_2_or_6_rows(api: Api) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/products", extend="supplier").status == 200
        return len(captured)

    supplier = f.supplier()
    for _ in range(2):
        services.update_item(item=f.product().item, changes={"default_supplier": supplier})
    api.get("/products")  # the key's last use is written once; later reads skip it
    small = queries()
    for _ in range(4):
        services.update_item(item=f.product().item, changes={"default_supplier": supplier})
    assert queries() == small


def test_ids_filter_and_timestamps(api: Api) -> None:
    old, new = f.product("Old").item, f.product("New").item
    Item.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=10),
        updated_at=timezone.now() - timedelta(days=10),
    )
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert [p["name"] for p in api.get("/products", ids=[old.pk]).data] == ["Old"]
    assert [p["name"] for p in api.get("/products", created_at_min=since).data] == ["New"]
    assert [p["name"] for p in api.get("/products", updated_at_max=since).data] == ["Old"]
    assert [p["id"] for p in api.get("/products", ids=[old.pk, new.pk]).data] == [old.pk, new.pk]


def test_bad_paging_values_are_422(api: Api) -> None:
    answer = api.get("/products", limit=0, page="x")
    paths = {(d["path"], d["code"]) for d in answer.body["details"]}
    assert paths == {(".limit", "minimum"), (".page", "type")}
