"""`makeline backup FILE` and `makeline restore FILE`: a consistent copy of the whole database.

SQLite goes through SQLite's online backup API, which copies a consistent snapshot while
the server keeps running; PostgreSQL through `pg_dump --format=custom` / `pg_restore`
(found on PATH or in /usr/lib/postgresql/*/bin), with the connection settings of
DATABASE_URL passed in the environment, so the password never shows in a process list.
A restore replaces everything in the database, so it asks for `--yes` when the database
holds data, and checks the stock ledger afterwards.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from makeline.cli.base import console, describe_database, fail, reported_errors, setup_django

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# What `restore` reports: the documents people recognise, by model label.
SUMMARY = {
    "catalog.Item": "items",
    "sales.SalesOrder": "sales orders",
    "production.ManufacturingOrder": "manufacturing orders",
    "purchasing.PurchaseOrder": "purchase orders",
    "inventory.StockMove": "stock moves",
    "auth.User": "users",
}
OUR_APPS = frozenset({"catalog", "inventory", "sales", "purchasing", "production", "auth"})


def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (replaced if there).")],
) -> None:
    """Write a consistent copy of the database to FILE; safe while Makeline is running."""
    setup_django()
    with reported_errors():
        if _is_sqlite():
            _sqlite_backup(file)
        else:
            _pg_dump(file)
    size = file.stat().st_size
    console.print(f"Backed up {describe_database()} to {file} ({size:,} bytes)")


def restore(
    file: Annotated[Path, typer.Argument(help="A file written by `makeline backup`.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Replace a database that holds data without asking.")
    ] = False,
) -> None:
    """Replace the whole database with the backup in FILE, then check the stock ledger.

    Stop the server first. Without `--yes` it refuses when the database already holds data.
    """
    setup_django()
    _check_backup_file(file)
    with reported_errors():
        if not yes and _has_data():
            fail(
                f"{describe_database()} holds data; restoring replaces all of it",
                hint="add --yes to replace it (make a backup of it first if in doubt)",
            )
        if _is_sqlite():
            _sqlite_restore(file)
        else:
            _pg_restore(file)
    console.print(f"Restored {describe_database()} from {file}: {_summary()}")
    console.print("[dim]A backup from an older Makeline? Run `makeline init` to upgrade it.[/]")
    _check_ledger_after_restore()


# --- SQLite -------------------------------------------------------------------------------


def _is_sqlite() -> bool:
    from django.db import connection

    return bool(connection.vendor == "sqlite")


def _sqlite_connection() -> sqlite3.Connection:
    """The live database connection (works for files and in-memory test databases)."""
    from django.db import connection

    connection.ensure_connection()
    raw: Any = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _sqlite_backup(file: Path) -> None:
    # Into a temporary file beside the target, then renamed: a crash never leaves half a file.
    temporary = _temporary_beside(file)
    try:
        with sqlite3.connect(temporary) as target:
            _sqlite_connection().backup(target)
        target.close()
        temporary.replace(file)
    finally:
        temporary.unlink(missing_ok=True)


def _sqlite_restore(file: Path) -> None:
    from django.db import connection

    if connection.in_atomic_block:
        fail("a restore cannot run inside a transaction")
    source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        source.backup(_sqlite_connection())
    finally:
        source.close()


def _temporary_beside(file: Path) -> Path:
    if not file.parent.is_dir():
        fail(f"the folder {file.parent} does not exist", hint="create it first")
    handle, name = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent)
    os.close(handle)
    return Path(name)


# --- PostgreSQL ---------------------------------------------------------------------------


def find_pg_tool(name: str) -> str:
    """The path of `pg_dump` / `pg_restore`: on PATH, else the newest /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if not candidates:
        fail(
            f"{name} was not found, so PostgreSQL cannot be backed up or restored",
            hint="install the PostgreSQL client tools (Debian: apt install postgresql-client)",
        )
    return str(candidates[-1])


def pg_environment(settings: dict[str, Any]) -> dict[str, str]:
    """The libpq variables for the database in `settings` (the password stays out of argv)."""
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    sslmode = (settings.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _pg_dump(file: Path) -> None:
    temporary = _temporary_beside(file)
    try:
        _run_pg([find_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={temporary}"])
        temporary.replace(file)
    finally:
        temporary.unlink(missing_ok=True)


def _pg_restore(file: Path) -> None:
    from django.db import connection, connections

    name = str(connection.settings_dict["NAME"])
    connections.close_all()  # our own idle connection must not hold locks on the tables
    tool = find_pg_tool("pg_restore")
    # One transaction: a failed restore leaves the database as it was.
    options = ["--clean", "--if-exists", "--no-owner", "--single-transaction"]
    _run_pg([tool, *options, f"--dbname={name}", str(file)])


def _run_pg(command: list[str]) -> None:
    from django.db import connection

    env = pg_environment(connection.settings_dict)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        fail(f"{tool} failed: {done.stderr.strip() or done.returncode}")


# --- checks and report --------------------------------------------------------------------


def _check_backup_file(file: Path) -> None:
    if not file.is_file():
        fail(f"{file} does not exist or is not a file")
    with file.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    is_sqlite = head.startswith(SQLITE_MAGIC)
    if not is_sqlite and not head.startswith(PG_DUMP_MAGIC):
        fail(f"{file} is not a Makeline backup (neither SQLite nor pg_dump custom format)")
    if is_sqlite != _is_sqlite():
        made = "SQLite" if is_sqlite else "PostgreSQL"
        fail(
            f"{file} is a {made} backup; this installation uses {describe_database()}",
            hint="restore it into the same kind of database it was made from",
        )


def _our_models() -> list[Any]:
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and model._meta.db_table in tables
    ]


def _has_data() -> bool:
    return any(model._default_manager.exists() for model in _our_models())


def _summary() -> str:
    from django.apps import apps

    parts = []
    for label, name in SUMMARY.items():
        model = apps.get_model(label)
        parts.append(f"{model._default_manager.count()} {name}")
    return ", ".join(parts)


def _check_ledger_after_restore() -> None:
    from makeline.inventory.ledger import check_ledger

    with reported_errors():
        problems = check_ledger()
    if problems:
        for problem in problems[:20]:
            console.print(f"move {problem.move_id or '-'}: {problem.problem}")
        fail(
            f"the restored stock ledger has {len(problems)} problem(s)",
            hint="`makeline check-ledger` lists them all",
        )
    console.print("ledger OK")
