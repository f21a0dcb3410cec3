"""Pure helpers of the CLI: the granian command line, the URL shown, the database shown."""

import sys

from makeline.cli.base import describe_database
from makeline.cli.project import granian_command, server_url


def test_serve_runs_granian_on_the_wsgi_application_of_this_python() -> None:
    command = granian_command(host="0.0.0.0", port=9000, workers=3, threads=4)
    assert command[:3] == [sys.executable, "-m", "granian"]
    assert command[-1] == "makeline.wsgi:application"

    def option(name: str) -> str:
        return command[command.index(name) + 1]

    assert option("--interface") == "wsgi"
    assert option("--host") == "0.0.0.0"
    assert option("--port") == "9000"
    assert option("--workers") == "3"
    assert option("--blocking-threads") == "4"


def test_the_url_shown_can_be_opened_in_a_browser() -> None:
    assert server_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert server_url("0.0.0.0", 80) == "http://127.0.0.1:80/"
    assert server_url("::", 8000) == "http://[::1]:8000/"
    assert server_url("fe80::1", 8000) == "http://[fe80::1]:8000/"


def test_the_database_is_described_without_its_password() -> None:
    db = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "makeline",
        "USER": "shop",
        "PASSWORD": "s3cret",
        "HOST": "db.internal",
        "PORT": 5432,
    }
    described = describe_database(db)
    assert described == "postgresql shop@db.internal:5432/makeline"
    assert "s3cret" not in described


def test_a_sqlite_database_is_described_by_its_file() -> None:
    db = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/data/makeline.sqlite3"}
    assert describe_database(db) == "sqlite3 /data/makeline.sqlite3"
