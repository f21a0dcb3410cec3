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
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="What the user may do: admin, planner, purchaser, 'shop floor' (or shop-floor) "
            "or viewer. New users default to planner; --update keeps the role unless given.",
            show_default=False,
        ),
    ] = None,
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
    """Create a user who can sign in, with a role (`--role`; `--admin` is `--role admin`:
    staff and superuser).

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
        role_name = _role_name(role, admin=admin, new=existing is None)
        _check_password(password, existing or User(username=name, email=email))
        user = _save_user(existing, name=name, password=password, admin=admin, email=email)
        if role_name is not None:
            _set_role(user, role_name)
    verb = "updated" if existing else "created"
    console.print(f"[green]{verb}[/] {_role_of(user)} {user.username!r}")


def _role_name(role: str | None, *, admin: bool, new: bool) -> str | None:
    from makeline.access.roles import ADMIN, PLANNER, ROLES

    if admin:
        return ADMIN
    if role is None:
        return PLANNER if new else None
    wanted = role.strip().lower().replace("-", " ").replace("_", " ")
    if wanted not in ROLES:
        fail(f"unknown role {role!r}", hint="choose one of: " + ", ".join(ROLES))
    return wanted


def _set_role(user: "User", role_name: str) -> None:
    from django.contrib.auth.models import Group

    from makeline.access.roles import ADMIN, ROLES

    # One role per user: the role groups are replaced, other groups are kept.
    user.groups.remove(*Group.objects.filter(name__in=list(ROLES)))
    user.groups.add(Group.objects.get_or_create(name=role_name)[0])
    if role_name == ADMIN and not user.is_superuser:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])


def _role_of(user: "User") -> str:
    from makeline.access.roles import role_of

    return role_of(user) or "user"


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
