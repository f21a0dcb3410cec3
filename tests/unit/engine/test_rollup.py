"""Roll-ups of row statuses and the missing-materials split."""

from decimal import Decimal

import pytest

from makeline.engine import (
    Availability,
    Coverage,
    IngredientAvailability,
    MissingMaterial,
    ProductAvailability,
    Rollup,
    missing,
    rollup_status,
    worst,
)
from tests.unit.engine.builders import day

A = Availability
I = IngredientAvailability  # noqa: E741 - mirrors Katana's enum name
PA = ProductAvailability


def test_order_is_not_available_if_any_row_is() -> None:
    rows = [
        Rollup(A.IN_STOCK, None),
        Rollup(A.NOT_AVAILABLE, None),
        Rollup(A.EXPECTED, day("03-05")),
    ]
    assert rollup_status(rows) == Rollup(A.NOT_AVAILABLE, day("03-05"))


def test_order_is_expected_on_the_latest_row_date() -> None:
    rows = [
        Rollup(A.EXPECTED, day("03-09")),
        Rollup(A.IN_STOCK, None),
        Rollup(A.EXPECTED, day("03-05")),
    ]
    assert rollup_status(rows) == Rollup(A.EXPECTED, day("03-09"))


def test_order_is_in_stock_only_if_every_row_is() -> None:
    assert rollup_status([Rollup(A.IN_STOCK, None)] * 3) == Rollup(A.IN_STOCK, None)


def test_rollups_nest() -> None:
    orders = [rollup_status([Rollup(A.IN_STOCK, None)]), Rollup(A.EXPECTED, day("04-01"))]
    assert rollup_status(orders) == Rollup(A.EXPECTED, day("04-01"))


def test_rolling_up_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no status"):
        rollup_status([])


def test_mixing_enums_is_an_error() -> None:
    with pytest.raises(TypeError, match="cannot mix"):
        worst([A.IN_STOCK, I.IN_STOCK])  # type: ignore[type-var]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([I.NOT_APPLICABLE, I.PROCESSED], I.PROCESSED),
        ([I.PROCESSED, I.IN_STOCK], I.IN_STOCK),
        ([I.NOT_APPLICABLE, I.IN_STOCK], I.IN_STOCK),
        ([I.IN_STOCK, I.EXPECTED], I.EXPECTED),
        ([I.EXPECTED, I.NO_RECIPE], I.NO_RECIPE),
        ([I.NO_RECIPE, I.NOT_AVAILABLE], I.NOT_AVAILABLE),
        ([I.NOT_APPLICABLE, I.NOT_APPLICABLE], I.NOT_APPLICABLE),
    ],
)
def test_ingredient_rollup_order(
    statuses: list[IngredientAvailability], expected: IngredientAvailability
) -> None:
    assert worst(statuses) is expected
    assert worst(reversed(statuses)) is expected


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([PA.NOT_APPLICABLE, PA.PICKED], PA.PICKED),
        ([PA.PICKED, PA.IN_STOCK], PA.IN_STOCK),
        ([PA.IN_STOCK, PA.EXPECTED], PA.EXPECTED),
        ([PA.EXPECTED, PA.NOT_AVAILABLE], PA.NOT_AVAILABLE),
    ],
)
def test_product_rollup_order(
    statuses: list[ProductAvailability], expected: ProductAvailability
) -> None:
    assert worst(statuses) is expected
    assert worst(reversed(statuses)) is expected


def test_wire_values_equal_names() -> None:
    for enum in (Availability, IngredientAvailability, ProductAvailability):
        assert all(member.value == member.name for member in enum)


def coverage(from_stock: int, from_expected: int, shortage: int) -> Coverage:
    status = A.NOT_AVAILABLE if shortage else A.EXPECTED if from_expected else A.IN_STOCK
    return Coverage(
        "r", status, None, Decimal(from_stock), Decimal(from_expected), Decimal(shortage)
    )


def test_missing_splits_required_into_stock_expected_and_missing() -> None:
    assert missing(Decimal(10), coverage(3, 4, 3)) == MissingMaterial(
        required=Decimal(10), in_stock=Decimal(3), expected=Decimal(4), missing=Decimal(3)
    )


def test_missing_without_coverage_is_all_missing() -> None:
    assert missing(Decimal(2), None) == MissingMaterial(
        Decimal(2), Decimal(0), Decimal(0), Decimal(2)
    )


def test_missing_of_a_smaller_requirement_caps_at_the_requirement() -> None:
    assert missing(Decimal(5), coverage(4, 4, 0)) == MissingMaterial(
        Decimal(5), Decimal(4), Decimal(1), Decimal(0)
    )
