"""`makeline user ...`: the people who can sign in."""

from typing import TYPE_CHECKING, Annotated

import typer

from makeline.cli.base import console, fail, reported_errors, setup_django

if TYPE_CHECKING:
    from django.contrib.auth.models import User

user_app = typer.Typer(
    help="Manage the people who can sign in.", no_args_is_help=True, rich_markup_mode="markdown"
)


@user_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="The sign-in name.")],
    password: Annotated[
        str | None,
        typer.Option(help="The password; asked for (twice) when left out.", show_default=False),
    ] = None,
    admin: Annotated[
        bool, typer.Option("--admin", help="May use the admin and change everything.")
    ] = False,
    email: Annotated[str, typer.Option(help="E-mail address.")] = "",
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="If the name is taken, set that user's password (and --admin/--email) "
            "instead of refusing. Never takes admin rights away.",
        ),
    ] = False,
) -> None:
    """Create a user who can sign in (with `--admin`: staff and superuser).

    A name that is taken is refused (exit code 1) unless `--update` is given.
    """
    setup_django()
    from django.contrib.auth.models import User

    name = name.strip()
    if not name:
        fail("the name is empty")
    with reported_errors():
        existing = User.objects.filter(username=name).first()
        if existing and not update:
            fail(f"a user named {name!r} exists already", hint="add --update to set a new password")
        if password is None:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        _check_password(password, existing or User(username=name, email=email))
        user = _save_user(existing, name=name, password=password, admin=admin, email=email)
    role = "admin" if user.is_superuser else "user"
    verb = "updated" if existing else "created"
    console.print(f"[green]{verb}[/] {role} {user.username!r}")


def _check_password(password: str, user: "User") -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password, user)
    except ValidationError as exc:
        fail("the password is refused: " + " ".join(exc.messages))


def _save_user(
    existing: "User | None", *, name: str, password: str, admin: bool, email: str
) -> "User":
    from django.contrib.auth.models import User
    from django.db import transaction

    with transaction.atomic():
        user = existing or User(username=name)
        user.set_password(password)
        if email:
            user.email = email
        if admin:
            user.is_staff = user.is_superuser = True
        user.save()
    return user
