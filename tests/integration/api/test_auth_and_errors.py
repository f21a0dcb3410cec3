"""Bearer keys, Katana's error bodies and the per-key rate limit."""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import resolve
from pytest_django.fixtures import Settings

from makeline.api import shop
from makeline.api.keys import IssuedKey, revoke_api_key
from makeline.api.models import ApiKey
from tests import factories as f
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db

UNAUTHORIZED = {"statusCode": 401, "name": "UnauthorizedError", "message": "Unauthorized"}


def test_a_good_key_is_accepted_and_its_use_recorded(api: Api, issued_key: IssuedKey) -> None:
    answer = api.get("/user_info")
    assert answer.status == 200
    assert answer.body == {
        "id": issued_key.api_key.user_id,
        "firstName": "Ro",
        "lastName": "",
        "email": "robot@example.com",
    }
    assert ApiKey.objects.get().last_used_at is not None


def test_only_the_hash_of_a_key_is_stored(issued_key: IssuedKey) -> None:
    row = ApiKey.objects.get()
    assert issued_key.token not in (row.key_hash, row.prefix)
    assert row.prefix == issued_key.token[:8]
    assert len(issued_key.token) >= 40


@pytest.mark.parametrize("token", ["", "nonsense", "x" * 43])
def test_a_wrong_key_gets_katanas_401(api: Api, token: str) -> None:
    answer = api.as_token(token).get("/products")
    assert (answer.status, answer.body) == (401, UNAUTHORIZED)


def test_a_key_with_the_right_prefix_but_wrong_rest_is_refused(
    api: Api, issued_key: IssuedKey
) -> None:
    forged = issued_key.token[:8] + "A" * (len(issued_key.token) - 8)
    assert api.as_token(forged).get("/products").status == 401


def test_a_revoked_key_is_refused(api: Api) -> None:
    # given the key worked
    assert api.get("/products").status == 200
    # when it is revoked
    revoke_api_key(name_or_prefix="tests")
    # then it gets 401
    answer = api.get("/products")
    assert (answer.status, answer.body) == (401, UNAUTHORIZED)


def test_the_key_of_an_inactive_user_is_refused(api: Api, issued_key: IssuedKey) -> None:
    user = issued_key.api_key.user
    user.is_active = False
    user.save()
    assert api.get("/products").status == 401


def test_a_schema_error_answers_422_with_ajv_paths_codes_and_info(api: Api) -> None:
    # when the body misses the name, has a wrong type deep inside and a too long uom
    answer = api.post(
        "/products",
        {"uom": "much too long", "variants": [{"sku": "A", "sales_price": "cheap"}]},
    )
    # then every problem is listed the way Ajv words it
    assert answer.status == 422
    assert answer.body["name"] == "UnprocessableEntityError"
    assert answer.body["message"].startswith("The request body is invalid.")
    details = {(d["path"], d["code"]): d for d in answer.body["details"]}
    assert details[("", "required")]["info"] == {"missingProperty": "name"}
    assert details[(".uom", "maxLength")]["info"] == {"limit": 7}
    assert details[(".variants[0].sales_price", "type")]["info"] == {"type": "number"}


def test_a_negative_price_is_a_minimum_error(api: Api) -> None:
    answer = api.post("/products", {"name": "X", "variants": [{"purchase_price": -1}]})
    assert answer.body["details"] == [
        {
            "path": ".variants[0].purchase_price",
            "code": "minimum",
            "message": "should be >= 0",
            "info": {"comparison": ">=", "limit": 0},
        }
    ]


def test_an_enum_error_lists_the_allowed_values(api: Api) -> None:
    customer = f.customer()
    answer = api.post("/customer_addresses", {"customer_id": customer.pk, "entity_type": "home"})
    (detail,) = answer.body["details"]
    assert (detail["path"], detail["code"]) == (".entity_type", "enum")
    assert detail["info"] == {"allowedValues": ["billing", "shipping"]}


def test_a_business_rule_failure_is_a_422_naming_the_field(api: Api) -> None:
    # given a SKU in use
    f.product()
    taken = api.get("/variants").data[0]["sku"]
    # when another product asks for it
    answer = api.post("/products", {"name": "Copy", "variants": [{"sku": taken}]})
    # then the domain's message comes back with a detail for the field, and nothing is saved
    assert answer.status == 422
    assert answer.body["message"] == f"SKU {taken!r} is used by another variant"
    assert answer.body["details"] == [
        {"path": ".sku", "code": "domain", "message": answer.body["message"], "info": {}}
    ]
    assert api.get("/products", name="Copy").data == []


def test_an_id_in_the_body_that_does_not_exist_is_a_422_not_a_404(api: Api) -> None:
    answer = api.post("/variants", {"product_id": 987654, "sku": "V"})
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".product_id"


def test_broken_json_is_a_400(api: Api, client: Client, issued_key: IssuedKey) -> None:
    response = client.post(
        "/v1/products",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {issued_key.token}"},
    )
    assert response.status_code == 400
    assert json.loads(response.content) == {
        "statusCode": 400,
        "name": "BadRequest",
        "message": "Bad Request",
    }


def test_an_unexpected_failure_is_a_500_without_a_traceback(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(shop.contacts, "ensure_shop", broken)
    answer = api.get("/factory")
    assert answer.status == 500
    assert answer.body == {
        "statusCode": 500,
        "name": "InternalServerError",
        "message": "Internal Server Error",
    }


def test_an_unknown_path_under_v1_is_a_json_404(api: Api) -> None:
    answer = api.get("/no_such_resource")
    assert answer.status == 404
    assert answer.body["name"] == "NotFoundError"


def test_the_project_mounts_the_api_at_v1() -> None:
    assert resolve("/v1/products", urlconf="makeline.urls").url_name == "list_products"


def test_the_docs_page_is_served_without_a_key(client: Client) -> None:
    assert client.get("/v1/docs").status_code == 200


def test_the_openapi_document_is_served_without_a_key(client: Client) -> None:
    response = client.get("/v1/openapi.json")
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    assert "/v1/products" in paths
    assert "/v1/bom_rows/batch/create" in paths


# --- rate limit ---------------------------------------------------------------------------


@pytest.fixture
def limit_of_two(settings: Settings) -> None:
    settings.MAKELINE_API_RATE_LIMIT = 2
    cache.clear()


@pytest.mark.usefixtures("limit_of_two")
def test_over_the_rate_limit_a_key_gets_429_with_retry_after(api: Api) -> None:
    # when a key sends three requests in a minute with a limit of two
    first, second, third = (api.get("/products") for _ in range(3))
    # then the first two pass and count down, the third is refused
    assert (first.status, second.status, third.status) == (200, 200, 429)
    assert first.headers["X-Ratelimit-Limit"] == "2"
    assert (first.headers["X-Ratelimit-Remaining"], second.headers["X-Ratelimit-Remaining"]) == (
        "1",
        "0",
    )
    assert third.body == {
        "statusCode": 429,
        "name": "TooManyRequests",
        "message": "Too Many Requests",
    }
    assert 1 <= int(third.headers["Retry-After"]) <= 60
    assert int(third.headers["X-Ratelimit-Reset"]) > 1_700_000_000_000  # epoch milliseconds


@pytest.mark.usefixtures("limit_of_two")
def test_the_rate_limit_counts_each_key_apart(api: Api, api_user: object) -> None:
    from makeline.api.keys import create_api_key

    other = api.as_token(create_api_key(name="other", user=api_user).token)  # type: ignore[arg-type]
    for _ in range(2):
        api.get("/products")
    assert api.get("/products").status == 429
    assert other.get("/products").status == 200


def test_without_a_rate_limit_no_rate_headers_are_sent(api: Api) -> None:
    answer = api.get("/products")
    assert "X-Ratelimit-Limit" not in answer.headers
