"""What an administrator types about a worker, validated before it is stored.

Apart from the operations because pydantic, which start-up doesn't need, is imported only when
a form is first validated.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, field_validator

from store.common.errors import InvalidInput
from store.common.records import Role
from store.common.textsafe import clean_field
from store.common.validation import choice, person_name, short_text

LOGIN = re.compile(r"^[a-z0-9._-]{2,40}$")
TEAM_MAX = 60
ROLES = tuple(role.value for role in Role)


def check_login(value: object) -> str:
    """A login: 2 to 40 of a-z, 0-9, dot, underscore and hyphen, kept in lower case."""
    login = clean_field(str(value or "")).lower()
    if not login:
        raise ValueError("A login is required.")
    if not LOGIN.fullmatch(login):
        raise ValueError(
            f"The login {login!r} can't be used: use 2 to 40 letters a-z, digits, dots, "
            "underscores or hyphens."
        )
    return login


def valid_login(value: object) -> str:
    """``check_login`` for a caller outside a form: InvalidInput naming the login."""
    try:
        return check_login(value)
    except ValueError as exc:
        raise InvalidInput({"login": str(exc)}) from None


def check_role(value: object) -> str:
    return choice(value, ROLES, "role")


def check_team(value: object) -> str:
    return short_text(value, "The team's name", TEAM_MAX)


class WorkerInput(BaseModel):
    """A new worker: their login, name, role and team."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    login: str = ""
    display_name: str = ""
    role: str = Role.WORKER.value
    team: str = ""

    @field_validator("login", mode="before")
    @classmethod
    def _login(cls, value: object) -> str:
        return check_login(value)

    @field_validator("display_name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return person_name(value, "The worker's name")

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str:
        return check_role(value)

    @field_validator("team", mode="before")
    @classmethod
    def _team(cls, value: object) -> str:
        return check_team(value)


class RoleInput(BaseModel):
    """A worker's new role."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    role: str = ""

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str:
        return check_role(value)


class TeamInput(BaseModel):
    """A worker's new team (blank: none)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    team: str = ""

    @field_validator("team", mode="before")
    @classmethod
    def _team(cls, value: object) -> str:
        return check_team(value)
