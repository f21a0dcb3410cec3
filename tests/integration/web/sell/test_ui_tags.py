"""The shared chips and number filters (makeline.web.templatetags.makeline_ui)."""

from datetime import date
from decimal import Decimal

from django.template import Context, Template
from django.utils import timezone

from makeline.planning.selectors import Status
from makeline.web.templatetags.makeline_ui import day, money, qty, state_chip, status_chip


def test_availability_chips_have_katanas_labels_and_colours() -> None:
    assert 'class="chip chip-ok" data-status="IN_STOCK"' in status_chip("IN_STOCK")
    assert ">In stock<" in status_chip("IN_STOCK")
    assert ">Expected 12 Mar 2020<" in status_chip(Status("EXPECTED", date(2020, 3, 12)))
    assert "chip-warn" in status_chip("EXPECTED")
    assert "chip-bad" in status_chip("NOT_AVAILABLE")
    assert ">Not available<" in status_chip("NOT_AVAILABLE")
    for grey in ("PICKED", "PROCESSED", "NO_RECIPE", "NOT_APPLICABLE"):
        assert "chip-grey" in status_chip(grey)
    assert ">–<" in status_chip(Status(None))


def test_document_status_chips() -> None:
    assert ">Not shipped<" in state_chip("NOT_SHIPPED")
    assert "chip-bad" in state_chip("BLOCKED")
    assert 'data-testid="delivery"' in state_chip("DELIVERED", testid="delivery")


def test_money_quantity_and_day_formatting() -> None:
    assert money(Decimal("1234.5")) == "1,234.50"
    assert money(Decimal("0.005"), "EUR") == "0.01 EUR"
    assert money(None) == ""
    assert qty(Decimal("3.000000")) == "3"
    assert qty(Decimal("2.500000")) == "2.5"
    assert qty(Decimal("1200")) == "1,200"
    assert day(date(2020, 3, 1)) == "1 Mar 2020"
    this_year = timezone.localdate().replace(month=3, day=1)
    assert day(this_year) == "1 Mar"  # the current year goes without saying
    assert day(None) == ""


def test_the_tags_load_in_templates() -> None:
    rendered = Template(
        "{% load makeline_ui %}{% status_chip s testid='x' %} {{ n|money }} {{ q|qty }}"
    ).render(Context({"s": "IN_STOCK", "n": Decimal(5), "q": Decimal("1.50")}))
    assert 'data-testid="x"' in rendered
    assert "5.00" in rendered
    assert "1.5" in rendered
