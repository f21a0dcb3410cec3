"""`makeline check-ledger`, `makeline replan`, `makeline demo` and `makeline serve`."""

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings
from typer.testing import CliRunner

from makeline.cli import app
from makeline.inventory.enums import MoveSource
from makeline.inventory.models import StockMove
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db


def test_check_ledger_reports_ok_with_the_number_of_moves(runner: CliRunner) -> None:
    f.stock(f.material(), 5, cost="2")
    result = runner.invoke(app, ["check-ledger"])
    assert result.exit_code == 0, result.output
    assert "ledger OK (1 move)" in result.output


def test_check_ledger_lists_a_broken_reversal_and_exits_1(runner: CliRunner) -> None:
    # given a move and a "reversal" of it with a different quantity, written behind the
    # services' back (the only way to break the ledger)
    board = f.material()
    f.stock(board, 5, cost="2")
    original = StockMove.objects.get()
    broken = StockMove.objects.create(
        variant=board,
        location=original.location,
        quantity=D(-3),
        source=MoveSource.SYSTEM_GENERATED,
        reverses=original,
        moved_at=timezone.now(),
    )
    # when the ledger is checked
    result = runner.invoke(app, ["check-ledger"])
    # then the broken row is listed and the exit code says so
    assert result.exit_code == 1
    assert "ledger BROKEN" in result.output
    assert str(broken.pk) in result.output
    assert "different quantity" in result.output


def test_replan_says_so_when_planning_is_not_installed(runner: CliRunner, fake_module: Any) -> None:
    fake_module("makeline.planning.services", None)
    result = runner.invoke(app, ["replan"])
    assert result.exit_code == 1
    assert "planning not installed" in result.output


def test_replan_runs_the_planning_app(runner: CliRunner, fake_module: Any) -> None:
    calls: list[str] = []

    def replan_all() -> int:
        calls.append("replan")
        return 7

    fake_module("makeline.planning.services", replan_all=replan_all)
    result = runner.invoke(app, ["replan"])
    assert result.exit_code == 0, result.output
    assert calls == ["replan"]
    assert "7 planned demands" in result.output


def test_replan_with_the_real_planning_app_succeeds(runner: CliRunner) -> None:
    f.stock(f.material(), 5, cost="2")
    result = runner.invoke(app, ["replan"])
    assert result.exit_code == 0, result.output
    assert "replanned" in result.output


def test_demo_says_so_when_the_demo_is_not_installed(runner: CliRunner, fake_module: Any) -> None:
    fake_module("makeline.demo", None)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 1
    assert "demo data not installed" in result.output


def test_demo_reports_progress_and_the_login(runner: CliRunner, fake_module: Any) -> None:
    def load_demo(progress: Any = None) -> SimpleNamespace:
        for done, step in enumerate(["Items", "Orders"], start=1):
            progress(step, done, 2)
        return SimpleNamespace(
            created=True, login_name="demo", login_password="pw123456", counts={"items": 12}
        )

    fake_module("makeline.demo", load_demo=load_demo)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "demo / pw123456" in result.output
    assert "items" in result.output
    assert "12" in result.output


def test_serve_collects_static_files_then_hands_over_to_granian(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    tmp_path: Path,
) -> None:
    # given a static folder of our own and no real exec
    settings.STATIC_ROOT = tmp_path / "static"
    launched: list[list[str]] = []
    monkeypatch.setattr("os.execv", lambda path, argv: launched.append(list(argv)))
    # when serve runs
    result = runner.invoke(app, ["serve", "--port", "8123", "--workers", "3"])
    # then static files are collected and granian gets the options
    assert result.exit_code == 0, result.output
    assert (tmp_path / "static" / "web" / "makeline.css").exists()
    (command,) = launched
    assert command[command.index("--port") + 1] == "8123"
    assert command[command.index("--workers") + 1] == "3"
    assert command[command.index("--interface") + 1] == "wsgi"
    assert "http://127.0.0.1:8123/" in result.output


def test_serve_refuses_a_port_out_of_range(runner: CliRunner) -> None:
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
