"""`makeline api-key create / list / revoke`."""

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner

from makeline.api.keys import active_key
from makeline.api.models import ApiKey
from makeline.cli import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_create_prints_a_working_key_as_the_last_line(runner: CliRunner) -> None:
    admin = User.objects.create_superuser("admin")
    # when a key is created without --user
    result = runner.invoke(app, ["api-key", "create", "shopify-sync"])
    # then the last line is the key, and it acts as the first admin
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    key = active_key(token)
    assert key is not None
    assert (key.name, key.user) == ("shopify-sync", admin)


def test_create_for_a_named_user(runner: CliRunner) -> None:
    User.objects.create_superuser("admin")
    clerk = User.objects.create_user("clerk")
    result = runner.invoke(app, ["api-key", "create", "clerk-key", "--user", "clerk"])
    assert result.exit_code == 0, result.output
    assert ApiKey.objects.get().user == clerk


def test_create_refuses_an_unknown_user_and_a_missing_admin(runner: CliRunner) -> None:
    unknown = runner.invoke(app, ["api-key", "create", "k", "--user", "nobody"])
    no_admin = runner.invoke(app, ["api-key", "create", "k"])
    assert (unknown.exit_code, no_admin.exit_code) == (1, 1)
    assert not ApiKey.objects.exists()


def test_create_refuses_a_name_in_use(runner: CliRunner) -> None:
    User.objects.create_superuser("admin")
    runner.invoke(app, ["api-key", "create", "dup"])
    again = runner.invoke(app, ["api-key", "create", "dup"])
    assert again.exit_code == 1
    assert "exists already" in again.output
    assert ApiKey.objects.count() == 1


def test_list_shows_names_and_prefixes_never_keys(runner: CliRunner) -> None:
    User.objects.create_superuser("admin")
    token = runner.invoke(app, ["api-key", "create", "listed"]).output.strip().splitlines()[-1]
    result = runner.invoke(app, ["api-key", "list"])
    assert result.exit_code == 0
    assert "listed" in result.output
    assert token[:8] in result.output
    assert token not in result.output


def test_revoke_by_name_or_prefix(runner: CliRunner) -> None:
    User.objects.create_superuser("admin")
    first = runner.invoke(app, ["api-key", "create", "one"]).output.strip().splitlines()[-1]
    second = runner.invoke(app, ["api-key", "create", "two"]).output.strip().splitlines()[-1]
    assert runner.invoke(app, ["api-key", "revoke", "one"]).exit_code == 0
    assert runner.invoke(app, ["api-key", "revoke", second[:8]]).exit_code == 0
    assert active_key(first) is None
    assert active_key(second) is None
    assert runner.invoke(app, ["api-key", "revoke", "one"]).exit_code == 1
