"""Crash safety: a process killed (SIGKILL) in the middle of a stream of writes loses nothing
it acknowledged and leaves a sound ledger.

A separate Python process books stock adjustments through the services in a loop and prints
each adjustment's number once its transaction committed. The test kills it mid-stream, then
"restarts" by running `makeline check-ledger` in a new process and checks that every printed
number is in the database. On SQLite it uses a fresh database file in a temporary data
folder (set up with `makeline init`); on PostgreSQL the test database. Loopback only.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockAdjustment

pytestmark = pytest.mark.django_db(transaction=True)

WRITER = """
import os, sys
from decimal import Decimal
import django
django.setup()
from makeline.catalog import contacts, services
from makeline.catalog.enums import ItemKind
from makeline.inventory import services as inventory

here = contacts.ensure_default_location()
item = services.create_item(
    kind=ItemKind.MATERIAL, name=f"Crash board {os.getpid()}",
    variants=[services.VariantSpec(sku=f"CRASH-{os.getpid()}", purchase_price=Decimal(2))],
)
board, one = item.variants.get(), Decimal(1)
print("READY", flush=True)
while True:
    adjustment = inventory.adjust_stock(
        location=here,
        lines=[inventory.AdjustmentLine(variant=board, quantity=one, cost_per_unit=one * 2)],
        reason="crash test",
    )
    # Printed only after adjust_stock returned, i.e. after its transaction committed.
    print(adjustment.stock_adjustment_number, flush=True)
"""
ACKNOWLEDGED = 15
DEADLINE = 15.0


def test_a_killed_writer_loses_no_acknowledged_write(tmp_path: Path) -> None:
    # given a database and a process writing stock adjustments to it as fast as it can
    env = _environment(tmp_path)
    if connection.vendor == "sqlite":
        _makeline(env, "init")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER], env=env, stdout=subprocess.PIPE, text=True
    )
    # when it is killed with SIGKILL in the middle of the stream
    acknowledged = _read_until_killed(writer)
    # then a new process finds the ledger sound and every acknowledged write present
    checked = _makeline(env, "check-ledger")
    assert "ledger OK" in checked.stdout
    assert len(acknowledged) >= ACKNOWLEDGED
    stored = _stored_numbers(tmp_path)
    assert set(acknowledged) <= stored
    # at most the one write in flight at the kill is there without having been acknowledged
    assert len(stored - set(acknowledged)) <= 1
    if connection.vendor != "sqlite":
        assert check_ledger() == []


def _read_until_killed(writer: subprocess.Popen[str]) -> list[str]:
    assert writer.stdout is not None
    started, lines = time.monotonic(), []
    try:
        for line in writer.stdout:
            lines.append(line.strip())
            if len(lines) > ACKNOWLEDGED or time.monotonic() - started > DEADLINE:
                break
        writer.send_signal(signal.SIGKILL)
        # Whatever it printed before dying was committed: read the rest of the pipe too.
        rest, _ = writer.communicate(timeout=10)
        lines += rest.split()
    finally:
        if writer.poll() is None:
            writer.kill()
    assert lines[:1] == ["READY"], f"the writer did not start: {lines}"
    assert writer.returncode == -signal.SIGKILL
    return [line for line in lines[1:] if line]


def _environment(data_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "makeline.settings",
        "MAKELINE_DATA_DIR": str(data_dir),
        "SECRET_KEY": "crash-test",
        "DATABASE_URL": "",
    }
    if connection.vendor != "sqlite":
        env["DATABASE_URL"] = _postgres_url()
    return env


def _postgres_url() -> str:
    """The test database (pytest-django's, not the one DATABASE_URL names)."""
    db = connection.settings_dict
    auth = quote(str(db["USER"] or ""), safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(str(db["PASSWORD"]), safe="")
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgresql://{auth}@{host}:{port}/{db['NAME']}"


def _makeline(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-c", "from makeline.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _stored_numbers(data_dir: Path) -> set[str]:
    if connection.vendor == "sqlite":
        with sqlite3.connect(data_dir / "makeline.sqlite3") as db:
            rows = db.execute("SELECT stock_adjustment_number FROM inventory_stockadjustment")
            return {number for (number,) in rows}
    return set(StockAdjustment.objects.values_list("stock_adjustment_number", flat=True))
