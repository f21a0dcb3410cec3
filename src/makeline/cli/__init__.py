"""The `makeline` operator command line (typer + rich).

The commands live one group per module; this is the one place that lists them, in the
order `makeline --help` shows them.
"""

from makeline.cli import checks, demo, project, users
from makeline.cli.base import app, main

app.command("init")(project.init)
app.command("serve")(project.serve)
app.add_typer(users.user_app, name="user")
app.command("check-ledger")(checks.check_ledger)
app.command("replan")(checks.replan)
app.command("demo")(demo.demo)

__all__ = ["app", "main"]
