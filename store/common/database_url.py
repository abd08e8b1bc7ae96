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
    """A postgresql:// URL as it is (a path would fold its //), anything else a file's path.
    Raises DatabaseUnavailable for a URL that can't be read (its text is not repeated: it may
    hold a password)."""
    if is_postgres_url(text):
        check_url(str(text))
        return str(text)
    return Path(text).expanduser()


def check_url(url: str) -> None:
    """Raise DatabaseUnavailable, in one line, if ``url`` can't be read as a URL."""
    from urllib.parse import urlsplit

    from store.common.errors import DatabaseUnavailable

    try:
        urlsplit(url).port  # noqa: B018 - reading it checks it (a port out of range, "[" alone)
    except ValueError as exc:
        raise DatabaseUnavailable(
            f"The PostgreSQL URL given can't be read ({exc}); write it as "
            "postgresql://user@host/dbname."
        ) from None
