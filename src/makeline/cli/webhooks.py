"""`makeline webhooks worker`: sends the queued webhook deliveries.

Run it next to `makeline serve` (its own process, e.g. a second systemd unit). It polls
the outbox every `--interval` seconds; `--once` sends what is due and exits (cron, tests).
"""

import time
from typing import Annotated

import typer

from makeline.cli.base import console, reported_errors, setup_django

webhooks_app = typer.Typer(
    help="Deliver webhook events to subscribers.", no_args_is_help=True, rich_markup_mode="markdown"
)


@webhooks_app.command("worker")
def worker(
    once: Annotated[bool, typer.Option("--once", help="Send what is due, then exit.")] = False,
    interval: Annotated[
        float, typer.Option(min=0.1, help="Seconds between polls of the outbox.")
    ] = 2.0,
) -> None:
    """Send due webhook deliveries, with retries (30 s, 2 min, 15 min), until stopped."""
    setup_django()
    from django.db import close_old_connections

    from makeline.webhooks.delivery import deliver_due

    with reported_errors():
        while True:
            sent = deliver_due()
            if sent:
                console.print(f"tried {sent} {'delivery' if sent == 1 else 'deliveries'}")
            if once:
                return
            if not sent:
                time.sleep(interval)
            close_old_connections()  # a long-lived loop must not keep a dead connection
