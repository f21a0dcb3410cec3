"""Commands that set up and run the installation: `makeline init` and `makeline serve`."""

import os
import sys
from typing import Annotated

import typer

from makeline.cli.base import console, describe_database, reported_errors, setup_django

WSGI_TARGET = "makeline.wsgi:application"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def init() -> None:
    """Create or upgrade the database, then add the main location and the shop settings.

    Safe to run again: it only applies missing migrations and adds what is missing.
    """
    setup_django()
    console.print(f"Database: [bold]{describe_database()}[/]")
    with reported_errors():
        applied = _migrate()
        console.print(
            f"Migrations: {applied} applied" if applied else "Migrations: already up to date"
        )
        _ensure_defaults()
    console.print("[green]Ready.[/] Next: `makeline user create NAME --admin`, `makeline serve`.")


def _migrate() -> int:
    """Apply the missing migrations under a spinner; return how many there were."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    with console.status(f"Migrating the database ({len(pending)} to apply)…"):
        call_command("migrate", interactive=False, verbosity=0)
    return len(pending)


def _ensure_defaults() -> None:
    from makeline.catalog.contacts import ensure_default_location, ensure_shop
    from makeline.catalog.models import Location, Shop

    had_location = Location.objects.filter(is_primary=True).exists()
    location = ensure_default_location()
    console.print(f"Location: {location.name} ({'already there' if had_location else 'created'})")
    had_shop = Shop.objects.exists()
    shop = ensure_shop()
    console.print(f"Shop settings: {shop.name} ({'already there' if had_shop else 'created'})")


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 for every interface.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 2,
    threads: Annotated[
        int, typer.Option(min=1, help="Requests each worker handles at the same time.")
    ] = 8,
) -> None:
    """Run Makeline with the granian production server (static files included).

    Collects the static files first, then replaces this process with granian.
    Put a TLS-terminating proxy in front when it faces the internet.
    """
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    with console.status("Collecting static files…"):
        call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()  # the server opens its own connections
    console.print(
        f"Serving on [bold]{server_url(host, port)}[/] (database: {describe_database()})",
        soft_wrap=True,
    )
    if host not in LOOPBACK_HOSTS and "ALLOWED_HOSTS" not in os.environ:
        console.print(
            f"[yellow]note:[/] only {', '.join(settings.ALLOWED_HOSTS)} are accepted as host "
            "names; set ALLOWED_HOSTS to the name people use to reach this server."
        )
    command = granian_command(host=host, port=port, workers=workers, threads=threads)
    os.execv(command[0], command)


def granian_command(*, host: str, port: int, workers: int, threads: int = 8) -> list[str]:
    """The granian command line serving Makeline's WSGI application."""
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--no-ws",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        WSGI_TARGET,
    ]


def server_url(host: str, port: int) -> str:
    """The address to open in a browser (IPv6 in brackets, the wildcard as localhost)."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"
