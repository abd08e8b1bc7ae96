"""Where a database is: an SQLite file's path, or a PostgreSQL database's postgresql:// URL
(kept as written: as a path, its // would fold into one)."""

from __future__ import annotations

from pathlib import Path

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(text: object) -> bool:
    """Whether ``text`` names a database on a PostgreSQL server rather than an SQLite file."""
    return isinstance(text, str) and text.lower().startswith(POSTGRES_SCHEMES)


def shown_url(url: str) -> str:
    """A postgresql:// URL without its password, to show."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    user, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{user.split(':', 1)[0]}:***@{host}"))


def without_password(url: str) -> str:
    """A postgresql:// URL with its password taken out (the program asks for it, or reads it
    from ~/.pgpass or PGPASSWORD): to print in a command a person may run."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    user, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{user.split(':', 1)[0]}@{host}"))


def database_location(text: str | Path) -> Path | str:
    """A postgresql:// URL as it is (a path would fold its //), anything else a file's path."""
    if is_postgres_url(text):
        return str(text)
    return Path(text).expanduser()
