"""`makeline user create NAME --role ROLE`: one role group per user."""

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner

from makeline.access.roles import capabilities, role_of
from makeline.cli import app

pytestmark = pytest.mark.django_db


def create(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["user", "create", *args, "--password", "long enough"])
    return result.exit_code, result.output


def test_a_new_user_gets_the_role_asked_for() -> None:
    code, output = create("ann", "--role", "shop-floor")
    assert code == 0, output
    ann = User.objects.get(username="ann")
    assert role_of(ann) == "shop floor"
    assert "make.write" not in capabilities(ann)
    assert "shop floor 'ann'" in output


def test_a_new_user_without_a_role_is_a_planner() -> None:
    create("bob")
    assert role_of(User.objects.get(username="bob")) == "planner"


def test_an_unknown_role_is_refused_and_nobody_is_made() -> None:
    code, output = create("cy", "--role", "boss")
    assert code == 1
    assert "unknown role" in output
    assert not User.objects.filter(username="cy").exists()


def test_update_replaces_the_role() -> None:
    create("dee", "--role", "viewer")
    create("dee", "--role", "purchaser", "--update")
    dee = User.objects.get(username="dee")
    assert list(dee.groups.values_list("name", flat=True)) == ["purchaser"]
