"""The capability tables: what each request needs, and that roles nest as documented."""

from makeline.access import roles


def test_reading_needs_only_read() -> None:
    assert roles.web_capability("GET", "web:settings_screen", "settings") == roles.READ
    assert roles.api_capability("GET", "/v1/sales_orders") == roles.READ


def test_a_screen_write_needs_its_area_and_shop_floor_buttons_need_shop_floor() -> None:
    assert roles.web_capability("POST", "web:sell", "order") == roles.SELL
    assert roles.web_capability("POST", "web:make", "edit") == roles.MAKE
    assert roles.web_capability("POST", "web:make", "task_action") == roles.SHOP_FLOOR


def test_an_api_write_needs_its_resource_and_unknown_ones_need_settings() -> None:
    assert roles.api_capability("POST", "/v1/purchase_order_receive") == roles.BUY
    assert roles.api_capability("PATCH", "/v1/manufacturing_order_operation_rows/3") == (
        roles.SHOP_FLOOR
    )
    assert roles.api_capability("POST", "/v1/webhooks") == roles.SETTINGS


def test_every_role_reads_and_the_planner_can_do_what_the_purchaser_and_shop_floor_can() -> None:
    assert all(roles.READ in caps for caps in roles.ROLES.values())
    planner = roles.ROLES[roles.PLANNER]
    assert roles.ROLES[roles.PURCHASER] <= planner
    assert roles.ROLES[roles.SHOP] <= planner
    assert roles.SETTINGS not in planner
