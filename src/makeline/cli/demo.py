"""`makeline demo`: load the demo shop (the loader itself lives in makeline.demo)."""

from typing import Any, cast

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from makeline.cli.base import (
    console,
    fail,
    optional_attribute,
    reported_errors,
    setup_django,
)


def demo() -> None:
    """Fill an empty installation with a demo shop and a user to sign in with.

    Run `makeline init` first. Nothing is loaded twice.
    """
    setup_django()
    load_demo = optional_attribute("makeline.demo", "load_demo")
    if not callable(load_demo):
        fail("demo data not installed")
    with reported_errors(), _progress() as progress:
        task = progress.add_task("Loading the demo shop", total=None)

        def report(step: str, done: int, total: int) -> None:
            progress.update(task, description=step, completed=done, total=total)

        summary = cast(Any, load_demo)(progress=report)
    _print_summary(summary)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    )


def _print_summary(summary: Any) -> None:
    """Print the loader's DemoSummary (created, login_name, login_password, counts)."""
    if not summary.created:
        console.print("The demo shop is loaded already; nothing changed.")
    else:
        table = Table(title="Demo shop loaded")
        table.add_column("What")
        table.add_column("How many", justify="right")
        for what, count in summary.counts.items():
            table.add_row(str(what), str(count))
        console.print(table)
    console.print(f"Sign in as [bold]{summary.login_name}[/] / [bold]{summary.login_password}[/]")
