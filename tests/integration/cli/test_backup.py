"""`makeline backup` and `makeline restore` on the database the suite runs on (SQLite through
the online backup API, PostgreSQL through pg_dump / pg_restore)."""

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from makeline.cli import app, backup
from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockMove
from makeline.sales import services as sales
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests import factories_sales as fs

# Not wrapped in a test transaction: a restore replaces the database under the connection.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restore_brings_back_what_the_backup_saw_and_checks_the_ledger(
    runner: CliRunner, tmp_path: Path
) -> None:
    # given stock and a sales order made through the services, backed up
    board = f.material()
    f.stock(board, 5, cost="2")
    order = fs.sales_order()
    file = tmp_path / "makeline.backup"
    saved = runner.invoke(app, ["backup", str(file)])
    assert saved.exit_code == 0, saved.output
    assert "Backed up" in saved.output
    # and then the data changes: more stock, the order deleted
    f.stock(board, 7, cost="2")
    order_id = order.pk
    sales.delete_order(order=order)
    # when the backup is restored
    result = runner.invoke(app, ["restore", str(file), "--yes"])
    # then the data is as it was at the backup, the restore says what it brought, ledger OK
    assert result.exit_code == 0, result.output
    assert StockMove.objects.count() == 1
    assert SalesOrder.objects.filter(pk=order_id).exists()
    assert "1 sales orders" in result.output
    assert "1 stock moves" in result.output
    assert "ledger OK" in result.output
    assert check_ledger() == []


def test_a_restore_over_data_needs_yes_and_changes_nothing_without_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    # given a backup of one stock move and then a second move
    board = f.material()
    f.stock(board, 5, cost="2")
    file = tmp_path / "makeline.backup"
    assert runner.invoke(app, ["backup", str(file)]).exit_code == 0
    f.stock(board, 7, cost="2")
    # when it is restored without --yes
    result = runner.invoke(app, ["restore", str(file)])
    # then it is refused with the way out, and both moves are still there
    assert result.exit_code == 1
    assert "holds data" in result.output
    assert "--yes" in result.output
    assert StockMove.objects.count() == 2


def test_a_file_that_is_not_a_backup_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    result = runner.invoke(app, ["restore", str(junk), "--yes"])
    assert result.exit_code == 1
    assert "not a Makeline backup" in result.output


def test_a_backup_into_a_missing_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["backup", str(tmp_path / "nowhere" / "file")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_missing_postgresql_tools_are_named_with_how_to_get_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given neither PATH nor /usr/lib/postgresql has pg_dump
    monkeypatch.setattr(backup.shutil, "which", lambda _: None)
    monkeypatch.setattr(backup, "Path", lambda _: tmp_path)
    # when the tool is looked up, then the command stops and says what to install
    with pytest.raises(typer.Exit):
        backup.find_pg_tool("pg_dump")
    message = capsys.readouterr().err
    assert "pg_dump was not found" in message
    assert "postgresql-client" in message


def test_the_password_goes_to_pg_tools_through_the_environment() -> None:
    env = backup.pg_environment(
        {"HOST": "db", "PORT": 5433, "USER": "shop", "PASSWORD": "s3cret", "NAME": "makeline"}
    )
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("db", "5433", "shop")
    assert (env["PGPASSWORD"], env["PGDATABASE"]) == ("s3cret", "makeline")
