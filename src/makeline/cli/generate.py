"""`makeline generate`: fill a database with a seeded synthetic shop (for benchmarks, demos
of scale, and load tests). The generator itself lives in makeline.generate."""

import os
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from makeline.cli.base import console, fail, reported_errors, setup_django

SIZE_HELP = "T (tests), S (1k open sales orders), M (10k), L (100k)"


def generate(
    size: Annotated[str, typer.Option("--size", help=SIZE_HELP)] = "S",
    seed: Annotated[int, typer.Option("--seed", help="same seed, same shop")] = 1,
    database_url: Annotated[
        str | None, typer.Option("--database-url", help="default: DATABASE_URL / the data folder")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="add to a database that holds shop data already")
    ] = False,
) -> None:
    """Fill the (migrated) database with a synthetic shop of the given size, then plan it.

    Refuses a database with shop data unless --force. Run `makeline init` first.
    """
    if database_url:
        # Settings read DATABASE_URL once, at Django start-up, which happens below.
        os.environ["DATABASE_URL"] = database_url
    setup_django()
    from makeline.generate import SIZES
    from makeline.generate import generate as run

    chosen = SIZES.get(size.upper())
    if chosen is None:
        fail(f"unknown size {size!r}", hint=f"choose one of {', '.join(SIZES)}")
    with reported_errors(), _progress() as progress:
        task = progress.add_task("Starting", total=None)

        def report(stage: str, done: int, total: int) -> None:
            progress.update(task, description=stage, completed=done, total=total)

        summary = run(size=chosen, seed=seed, force=force, progress=report)
    table = Table(title=f"Generated shop {summary.size} (seed {summary.seed})")
    table.add_column("Stage")
    table.add_column("Seconds", justify="right")
    table.add_column("CPU seconds", justify="right")
    for stage, seconds in summary.seconds.items():
        table.add_row(stage, f"{seconds:.2f}", f"{summary.cpu_seconds[stage]:.2f}")
    cpu = sum(summary.cpu_seconds.values())
    table.add_row("[bold]total[/]", f"[bold]{summary.total_seconds:.2f}[/]", f"{cpu:.2f}")
    console.print(table)
    counts = Table(title="Rows")
    counts.add_column("What")
    counts.add_column("How many", justify="right")
    for what, count in summary.counts.items():
        counts.add_row(what, f"{count:,}")
    console.print(counts)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
