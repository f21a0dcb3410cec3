"""`makeline init` and `makeline user create`."""

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner

from makeline.catalog.contacts import DEFAULT_LOCATION_NAME
from makeline.catalog.models import Location, Shop
from makeline.cli import app

pytestmark = pytest.mark.django_db


def test_init_twice_makes_exactly_one_main_location_and_shop(runner: CliRunner) -> None:
    # when init runs twice
    first = runner.invoke(app, ["init"])
    second = runner.invoke(app, ["init"])
    # then both succeed and the defaults exist once
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert Location.objects.filter(name=DEFAULT_LOCATION_NAME).count() == 1
    main = Location.objects.get(name=DEFAULT_LOCATION_NAME)
    assert main.is_primary
    assert main.sales_allowed
    assert main.manufacturing_allowed
    assert main.purchase_allowed
    assert Shop.objects.count() == 1
    assert "Main location (created)" in first.output
    assert "Main location (already there)" in second.output


def test_init_names_the_database_but_not_its_password(runner: CliRunner) -> None:
    result = runner.invoke(app, ["init"])
    assert "Database: sqlite3" in result.output or "Database: postgresql" in result.output
    assert "PASSWORD" not in result.output


def test_user_create_with_admin_makes_a_staff_superuser(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["user", "create", "alice", "--password", "long enough", "--admin", "--email", "a@x"]
    )
    assert result.exit_code == 0, result.output
    alice = User.objects.get(username="alice")
    assert alice.is_staff
    assert alice.is_superuser
    assert alice.email == "a@x"
    assert alice.check_password("long enough")


def test_user_create_without_admin_makes_a_plain_user(runner: CliRunner) -> None:
    result = runner.invoke(app, ["user", "create", "bob", "--password", "long enough"])
    assert result.exit_code == 0, result.output
    bob = User.objects.get(username="bob")
    assert not bob.is_staff
    assert not bob.is_superuser


def test_a_taken_name_is_refused_with_exit_code_1_and_nothing_changes(runner: CliRunner) -> None:
    # given alice exists
    runner.invoke(app, ["user", "create", "alice", "--password", "first password"])
    # when she is created again
    result = runner.invoke(app, ["user", "create", "alice", "--password", "other password"])
    # then it is refused and her password stays
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert "--update" in result.output
    assert User.objects.filter(username="alice").count() == 1
    assert User.objects.get(username="alice").check_password("first password")


def test_update_sets_the_password_of_a_taken_name(runner: CliRunner) -> None:
    runner.invoke(app, ["user", "create", "alice", "--password", "first password", "--admin"])
    result = runner.invoke(
        app, ["user", "create", "alice", "--password", "new password", "--update"]
    )
    assert result.exit_code == 0, result.output
    alice = User.objects.get(username="alice")
    assert alice.check_password("new password")
    assert alice.is_superuser  # --update never takes admin rights away


def test_the_password_is_asked_twice_when_not_given(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["user", "create", "carol"], input="typed password\ntyped password\n"
    )
    assert result.exit_code == 0, result.output
    assert User.objects.get(username="carol").check_password("typed password")


def test_a_short_password_is_refused_and_no_user_is_made(runner: CliRunner) -> None:
    result = runner.invoke(app, ["user", "create", "dave", "--password", "short"])
    assert result.exit_code == 1
    assert "password is refused" in result.output
    assert not User.objects.filter(username="dave").exists()


def test_an_empty_name_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["user", "create", "  ", "--password", "long enough"])
    assert result.exit_code == 1
    assert not User.objects.exists()
