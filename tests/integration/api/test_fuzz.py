"""Fuzzing: schemathesis sends generated requests to every operation of OUR OpenAPI document
(/v1/openapi.json), in-process through the WSGI app, with a valid key, and asserts one thing:
no answer is a 5xx, ever. Bounded (a few examples per operation) so it runs in CI.

The regression tests below it pin the 500s the fuzzer found, as plain requests.
"""

import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.case import Case
from schemathesis.schemas import APIOperation, BaseSchema

from makeline.api.keys import IssuedKey
from makeline.catalog.models import Location
from tests import factories as f
from tests import factories_production as fp
from tests import factories_purchasing as fpu
from tests import factories_sales as fs
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db

# ~1,300 requests, 15-40 s on two cores; MAKELINE_FUZZ_EXAMPLES=50 digs deeper by hand.
EXAMPLES_PER_OPERATION = int(os.environ.get("MAKELINE_FUZZ_EXAMPLES", "10"))


@pytest.fixture
def in_process_connections() -> Iterator[None]:
    """Keep the test's database connection across requests, as Django's test client does:
    the WSGI handler would otherwise close it (and the test's transaction) after each one."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def makeline_schema(in_process_connections: None) -> BaseSchema:
    return schemathesis.openapi.from_wsgi("/v1/openapi.json", WSGIHandler())


def _fuzz(operation: APIOperation, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,  # the same requests on every run: a failure in CI is reproducible
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the request is in the report
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Case) -> None:
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    run()


@pytest.fixture
def small_shop() -> None:
    """A little of everything, with low ids: generated ids (small numbers are likely) then
    reach real rows, so updates and deletes get past the 404 into the services."""
    shop = fp.katana_fixture(with_operation=True)
    f.stock(shop.m, 3)
    fp.sales_order({shop.p: "2"}, at=shop.here)
    fp.mo(shop.p, 1, at=shop.here)
    fpu.purchase_order(fpu.row(shop.m, 5), at=shop.here)


def test_no_request_is_answered_with_a_server_error(
    makeline_schema: BaseSchema, issued_key: IssuedKey, small_shop: None
) -> None:
    # given a valid key and a small shop
    headers = {"Authorization": f"Bearer {issued_key.token}"}
    failures: list[str] = []
    # when generated requests go to every operation
    for result in makeline_schema.get_all_operations():
        operation = result.ok()
        try:
            _fuzz(operation, headers)
        except FailureGroup as failure:  # collect every operation's failures, then fail
            failures.append(f"{operation.label}: {failure}")
    # then none was answered with a 5xx
    assert not failures, "\n\n".join(failures)


# --- the 500s the fuzzer found, pinned -------------------------------------------------------


def test_an_id_filter_no_id_can_have_is_a_422_on_that_parameter(api: Api) -> None:
    # given an id past what the database can compare (and ids start at 1)
    too_big, too_small = 2**64, 0
    # when lists are filtered by them, in the common `ids` and in a resource's own filter
    answers = [
        api.get("/materials", ids=[1, too_big]),
        api.get("/materials", ids=too_small),
        api.get("/manufacturing_orders", location_id=too_big),
    ]
    # then each is a 422 naming the parameter, not a 500
    assert [a.status for a in answers] == [422, 422, 422]
    assert [(d["path"], d["code"]) for a in answers for d in a.body["details"]] == [
        (".ids", "maximum"),
        (".ids", "minimum"),
        (".location_id", "maximum"),
    ]


def test_limit_and_page_are_not_ids_and_stay_unbounded(api: Api) -> None:
    # when a list is asked for a huge limit and a page far past the end
    answer = api.get("/materials", limit=2**64, page=2**40)
    # then it is Katana's empty page, the limit cut to 250
    assert answer.status == 200
    assert answer.data == []
    assert answer.pagination["offset"] == str((2**40 - 1) * 250)


def test_a_moment_outside_utc_years_1_to_9999_is_a_422_in_a_query_and_in_a_body(
    api: Api,
) -> None:
    # given date-times that exist only in their own offset (year 0 and year 10000 in UTC)
    order = fs.sales_order()
    # when a list is filtered by one and an order's delivery date is set to the other
    listed = api.get("/sales_orders", updated_at_min="0001-01-01T01:00:00+10:17")
    patched = api.patch(f"/sales_orders/{order.pk}", {"delivery_date": "9999-12-31T23:00:00-05:00"})
    # then both are 422s naming the field, and the order is unchanged
    assert (listed.status, patched.status) == (422, 422)
    assert listed.body["details"][0]["path"] == ".updated_at_min"
    assert patched.body["details"][0]["path"] == ".delivery_date"
    order.refresh_from_db()
    assert order.delivery_date is None or order.delivery_date.year < 9999


def test_a_null_for_a_location_flag_is_a_422_not_a_database_error(api: Api) -> None:
    # given a location
    location = f.location("Annex")
    # when a location is created, and the existing one patched, with a null flag
    created = api.post("/locations", {"name": "Shed", "purchase_allowed": None})
    patched = api.patch(f"/locations/{location.pk}", {"sales_allowed": None})
    # then both are 422s on that field and nothing changed
    assert (created.status, patched.status) == (422, 422)
    assert created.body["details"][0]["path"] == ".purchase_allowed"
    assert patched.body["details"][0]["path"] == ".sales_allowed"
    assert not Location.objects.filter(name="Shed").exists()
    location.refresh_from_db()
    assert location.sales_allowed is True


def test_a_date_time_filter_with_an_offset_beyond_postgresqls_range_is_read_in_utc(
    api: Api,
) -> None:
    # the fuzzer's 500 on PostgreSQL: offsets beyond ±15:59 cannot be sent as they are
    answer = api.get("/materials", created_at_min="2026-11-05T09:41:57-22:49")
    assert answer.status == 200
