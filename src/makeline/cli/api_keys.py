"""`makeline api-key ...`: the bearer keys that REST API clients (Katana's included) send."""

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from makeline.cli.base import console, fail, reported_errors, setup_django

if TYPE_CHECKING:
    from django.contrib.auth.models import User

api_key_app = typer.Typer(
    help="Manage the keys of the REST API (/v1).", no_args_is_help=True, rich_markup_mode="markdown"
)


@api_key_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="A name for the key, e.g. the client using it.")],
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            help="The user the key acts as; default: the first admin.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Create a key and print it (the LAST line of the output). It is shown only once."""
    setup_django()
    from makeline.api.keys import create_api_key

    with reported_errors():
        issued = create_api_key(name=name, user=_acting_user(user))
    key = issued.api_key
    console.print(
        f"[green]created[/] key {key.name!r} (prefix {key.prefix}) acting as {key.user.username!r}"
    )
    console.print("[dim]Store it now: it cannot be shown again. Send it as[/]")
    console.print("[dim]  Authorization: Bearer <key>[/]")
    typer.echo(issued.token)


@api_key_app.command("list")
def list_keys() -> None:
    """List the keys (names, prefixes, users, last use; never the keys themselves)."""
    setup_django()
    from makeline.api.models import ApiKey

    table = Table()
    for column in ("Name", "Prefix", "User", "Created", "Last used", "State"):
        table.add_column(column)
    with reported_errors():
        keys = list(ApiKey.objects.select_related("user"))
    for key in keys:
        table.add_row(
            key.name,
            key.prefix,
            key.user.username,
            f"{key.created_at:%Y-%m-%d %H:%M}",
            f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never",
            "revoked" if key.revoked_at else "active",
        )
    console.print(table if keys else "no API keys yet: `makeline api-key create NAME`")


@api_key_app.command("revoke")
def revoke(
    name_or_prefix: Annotated[
        str, typer.Argument(help="The key's name or its 8-character prefix.")
    ],
) -> None:
    """Revoke a key: requests with it are refused (401) from now on."""
    setup_django()
    from makeline.api.keys import revoke_api_key

    with reported_errors():
        key = revoke_api_key(name_or_prefix=name_or_prefix)
    console.print(f"[green]revoked[/] key {key.name!r} (prefix {key.prefix})")


def _acting_user(username: str | None) -> "User":
    from django.contrib.auth.models import User

    if username is not None:
        found = User.objects.filter(username=username).first()
        if found is None:
            fail(f"no user named {username!r}", hint="`makeline user create NAME` adds one")
        return found
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
    if admin is None:
        fail(
            "there is no admin to act as",
            hint="pass --user NAME, or `makeline user create NAME --admin`",
        )
    return admin
