"""Errors the store raises, each carrying a message fit to show a user as it is."""

from __future__ import annotations

from datetime import datetime


class StoreError(Exception):
    """Base class: the message is one line a person can act on."""


class DatabaseUnavailable(StoreError):
    """The database file can't be opened, created or written (path, permissions, locks)."""


class NotACaselineDatabase(StoreError):
    """The file exists but is not a Caseline database; it has been left untouched."""


class DamagedDatabase(StoreError):
    """The file is a database but fails SQLite's integrity check; it has been left untouched."""


class NewerDatabase(StoreError):
    """The database was written by a newer Caseline than this one."""


class NotFound(StoreError):
    """A record asked for by id or reference does not exist."""


class Conflict(StoreError):
    """Someone else changed the record since it was read (its version moved on).

    ``changed_by`` and ``changed_at`` (naive UTC) say whose change came first, ``current`` what
    the record says now (a field's name to its text as a person reads it, in the form's order),
    and ``version`` the version to send back to save over it deliberately, having seen it
    (None when that can't be done, e.g. the record was removed).
    """

    def __init__(
        self,
        message: str,
        *,
        changed_by: str = "",
        changed_at: datetime | None = None,
        current: dict[str, str] | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current = dict(current or {})
        self.version = version


class InvalidInput(StoreError):
    """Input failed validation; ``errors`` maps a field name to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))


class SignInRefused(StoreError):
    """A sign-in was refused; ``message`` is one sentence to show as it is, ``retry_after`` the
    seconds before another attempt is allowed when that is why (else None)."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class NotPermitted(StoreError):
    """The acting worker's role does not allow this; ``message`` says so in one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ReasonNeeded(StoreError):
    """Opening this record asks the worker to say why first (a restricted case they were named
    for); ``message`` says so, to show above the question."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
