"""A planner signs in and lands on the overview."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot


def test_a_planner_signs_in_and_sees_the_overview(signed_in: Page) -> None:
    expect(signed_in.get_by_role("link", name="Makeline")).to_be_visible()
    screenshot(signed_in, "home")
