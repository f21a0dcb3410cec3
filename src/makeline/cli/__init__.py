"""The `makeline` operator command line (typer + rich).

The commands live one group per module; this is the one place that lists them, in the
order `makeline --help` shows them.
"""

from makeline.cli import api_keys, backup, checks, demo, generate, project, users, webhooks
from makeline.cli.base import app, main

app.command("init")(project.init)
app.command("serve")(project.serve)
app.add_typer(users.user_app, name="user")
app.add_typer(api_keys.api_key_app, name="api-key")
app.add_typer(webhooks.webhooks_app, name="webhooks")
app.command("check-ledger")(checks.check_ledger)
app.command("replan")(checks.replan)
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)
app.command("demo")(demo.demo)
app.command("generate")(generate.generate)

__all__ = ["app", "main"]
