"""What every `makeline` command shares: the typer app, the consoles, Django start-up, errors.

Django is set up lazily, inside each command, so `makeline --help` answers at once.
Exit codes: 0 done, 1 refused or failed (the message says why), 2 wrong usage (typer's).
"""

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from rich.console import Console

SETTINGS_MODULE = "makeline.settings"

app = typer.Typer(
    name="makeline",
    help=(
        "Makeline: make-to-order manufacturing. Operator commands.\n\n"
        "Start with `makeline init`, add a person with `makeline user create`, "
        "then `makeline serve`. Settings come from the environment (DATABASE_URL, "
        "SECRET_KEY, ALLOWED_HOSTS, MAKELINE_DATA_DIR)."
    ),
    epilog="Exit codes: 0 done, 1 refused or failed, 2 wrong usage.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def main() -> None:
    """The `makeline` console script."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    app(prog_name="makeline")


def setup_django() -> None:
    """Load the settings and apps once; commands call it before touching Django."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    if apps.ready:
        return
    try:
        django.setup()
    except (ImproperlyConfigured, OSError) as exc:
        fail(
            f"the settings cannot be loaded: {exc}",
            hint="check DATABASE_URL and that MAKELINE_DATA_DIR is writable",
        )


def fail(message: str, *, hint: str = "") -> NoReturn:
    """Print why the command stopped (and what to do about it) and exit with code 1."""
    err_console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    if hint:
        err_console.print(f"[dim]hint:[/] {hint}", soft_wrap=True)
    raise typer.Exit(code=1)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn refusals and database failures into a clear message and exit code 1."""
    from django.db import DatabaseError

    from makeline.common.errors import DomainError

    try:
        yield
    except DomainError as exc:
        where = f" ({exc.field})" if exc.field else ""
        fail(f"{exc.message}{where}")
    except DatabaseError as exc:
        fail(
            f"the database refused: {exc}",
            hint=f"check DATABASE_URL ({describe_database()}); "
            "a new database needs `makeline init`",
        )


def describe_database(db: Mapping[str, Any] | None = None) -> str:
    """The database in use (settings' default unless given), for people: engine, where and
    which one; never the password."""
    if db is None:
        from django.conf import settings

        db = settings.DATABASES["default"]
    engine = str(db["ENGINE"]).rsplit(".", 1)[-1]
    if engine == "sqlite3":
        return f"sqlite3 {db['NAME']}"
    user = f"{db['USER']}@" if db.get("USER") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"{engine} {user}{db.get('HOST') or 'localhost'}{port}/{db['NAME']}"


def optional_attribute(module_name: str, attribute: str) -> object | None:
    """`module.attribute`, or None when that module (an optional part) is not there.

    Only the module itself being absent counts: an import error inside it is a bug and
    propagates.
    """
    import importlib

    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if not (module_name == missing or module_name.startswith(f"{missing}.")):
            raise
        return None
    return getattr(module, attribute, None)
