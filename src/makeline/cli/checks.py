"""Maintenance commands: `makeline check-ledger` and `makeline replan`."""

from collections.abc import Callable
from typing import cast

import typer
from rich.table import Table

from makeline.cli.base import (
    console,
    fail,
    optional_attribute,
    reported_errors,
    setup_django,
)


def check_ledger() -> None:
    """Check the stock ledger's invariants; list the broken moves and exit 1 if any."""
    setup_django()
    from makeline.inventory.ledger import check_ledger as find_problems
    from makeline.inventory.models import StockMove

    with reported_errors():
        problems = find_problems()
        moves = StockMove.objects.count()
    if not problems:
        console.print(f"ledger OK ({moves} {'move' if moves == 1 else 'moves'})")
        return
    table = Table(title=f"ledger BROKEN: {len(problems)} problem(s) in {moves} moves")
    table.add_column("Move", justify="right")
    table.add_column("Problem")
    for problem in problems:
        table.add_row(str(problem.move_id or "-"), problem.problem)
    console.print(table)
    raise typer.Exit(code=1)


def replan() -> None:
    """Recompute availability and the plan of every open order from scratch."""
    setup_django()
    replan_all = optional_attribute("makeline.planning.services", "replan_all")
    if not callable(replan_all):
        fail("planning not installed")
    with reported_errors(), console.status("Replanning every open order…"):
        result = cast(Callable[[], object], replan_all)()
    if isinstance(result, int):  # replan_all() returns how many demands it planned
        console.print(f"replanned ({result} planned demands)")
    else:
        console.print("replanned")
