"""Validating a config file: the pydantic model of its fields, with their checks.

Kept apart from ``store.common.config`` so that start-up, which usually has no file to read, never
imports pydantic; ``load_config`` imports this module only when a file exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from store.common.database_url import database_location
from store.common.settings import (
    ASSESSMENT_DOMAINS,
    ASSESSMENT_SCALE,
    CHRONOLOGY_CATEGORIES,
    CLOSURE_REASONS,
    CONFERENCE_TYPES,
    DEFAULT_CONSENT_EXPIRING_DAYS,
    DEFAULT_MAX_FAILED_SIGN_INS,
    DEFAULT_MIN_PASSPHRASE_LENGTH,
    DEFAULT_REF_FORMAT,
    NOTE_TYPES,
    NUMBER_LIMITS,
    Config,
    ConfigError,
    check_ref_format,
)


class ConfigFile(BaseModel):
    """Settings read from the config file; defaults suit a UK agency (those of ``Config``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: Path | str | None = Field(
        default=None, description="Database file, or a PostgreSQL database's postgresql:// URL."
    )
    worker: str | None = Field(default=None, description="Worker name if not the login name.")
    date_order: Literal["dmy", "mdy"] = Field(
        default="dmy", description="How 3/4/2026 reads: dmy = 3 April (UK), mdy = 4 March (US)."
    )
    ref_format: str = Field(default=DEFAULT_REF_FORMAT, description="Case reference format.")
    theme: str = Field(default="textual-dark", description="Colour theme.")
    keys: dict[str, str] = Field(
        default_factory=dict, description="Key remapping: binding id = 'key[,key]'."
    )
    note_types: tuple[str, ...] = Field(
        default=NOTE_TYPES,
        description="The types a note can have, in the order offered.",
    )
    templates: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Note templates by name: body = Markdown, abbreviation = ';hv'.",
    )
    finalise_on_save: bool = Field(
        default=True,
        description="Saving a note finalises it; if false, notes are finalised as a separate step.",
    )
    summary_max_age_months: int = Field(
        default=3,
        ge=NUMBER_LIMITS["summary_max_age_months"][0],
        le=NUMBER_LIMITS["summary_max_age_months"][1],
        description="A case summary older than this is flagged.",
    )
    chronology_categories: tuple[str, ...] = Field(
        default=CHRONOLOGY_CATEGORIES,
        description="The categories a manual chronology entry can have, in the order offered.",
    )
    closure_reasons: tuple[str, ...] = Field(
        default=CLOSURE_REASONS,
        description="The reasons a case can be closed for, in the order offered.",
    )
    conference_types: tuple[str, ...] = Field(
        default=CONFERENCE_TYPES,
        description="The kinds of meeting whose minutes are kept, in the order offered.",
    )
    assessment_domains: tuple[str, ...] = Field(
        default=ASSESSMENT_DOMAINS,
        description="The domains of an assessment, in the order they are assessed.",
    )
    assessment_scale: tuple[str, ...] = Field(
        default=ASSESSMENT_SCALE,
        description="The ratings of an assessment's domain, from least need to most "
        "(2 to 7 of them).",
    )
    identity: Literal["passphrase", "os-login"] = Field(
        default="passphrase",
        description="How a worker is known: their passphrase, or (where every worker has "
        "their own account on the computer) their operating-system login.",
    )
    max_failed_sign_ins: int = Field(
        default=DEFAULT_MAX_FAILED_SIGN_INS,
        ge=NUMBER_LIMITS["max_failed_sign_ins"][0],
        le=NUMBER_LIMITS["max_failed_sign_ins"][1],
        description="Failed sign-ins in a row after which a login is locked.",
    )
    min_passphrase_length: int = Field(
        default=DEFAULT_MIN_PASSPHRASE_LENGTH,
        ge=NUMBER_LIMITS["min_passphrase_length"][0],
        le=NUMBER_LIMITS["min_passphrase_length"][1],
        description="The fewest characters a passphrase may have.",
    )
    idle_lock_minutes: int = Field(
        default=5,
        ge=NUMBER_LIMITS["idle_lock_minutes"][0],
        le=NUMBER_LIMITS["idle_lock_minutes"][1],
        description="Minutes without a key after which the screen locks.",
    )
    consent_expiring_days: int = Field(
        default=DEFAULT_CONSENT_EXPIRING_DAYS,
        ge=NUMBER_LIMITS["consent_expiring_days"][0],
        le=NUMBER_LIMITS["consent_expiring_days"][1],
        description="A consent whose review or expiry date is this many days away is flagged.",
    )
    referral_chase_limit: int = Field(
        default=3,
        ge=NUMBER_LIMITS["referral_chase_limit"][0],
        le=NUMBER_LIMITS["referral_chase_limit"][1],
        description="Chases with no answer after which a referral is marked for escalation.",
    )
    contact_overdue_days: int = Field(
        default=7,
        ge=NUMBER_LIMITS["contact_overdue_days"][0],
        le=NUMBER_LIMITS["contact_overdue_days"][1],
        description="A case with no note for more than this many days is flagged.",
    )
    today_at_start: bool = Field(
        default=True,
        description="Open on what needs doing (today) when something is overdue.",
    )
    cursor_blink: bool = Field(
        default=False,
        description="The text cursor blinks (off by default: an idle screen then sends the "
        "terminal nothing).",
    )

    @field_validator(
        "note_types",
        "chronology_categories",
        "closure_reasons",
        "conference_types",
        "assessment_domains",
        "assessment_scale",
    )
    @classmethod
    def _names(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        field = info.field_name
        cleaned = tuple(" ".join(t.split()) for t in value)
        limit = 60 if field in ("closure_reasons", "assessment_domains") else 30
        if not cleaned or any(not t or len(t) > limit for t in cleaned):
            raise ValueError(f"{field} must be a list of names of 1 to {limit} characters")
        if field == "assessment_scale" and not 2 <= len(cleaned) <= 7:
            raise ValueError("assessment_scale must have 2 to 7 ratings, least need first")
        # Compared without case when a record is filed, so "Health" and "health" are one.
        if len({t.casefold() for t in cleaned}) != len(cleaned):
            raise ValueError(f"{field} has the same name twice")
        return cleaned

    @field_validator("db")
    @classmethod
    def _db(cls, value: Path | str | None) -> Path | str | None:
        # A URL stays as written; a path as a path (read as a str first, it would be a str).
        return None if value is None else database_location(value)

    @field_validator("ref_format")
    @classmethod
    def _ref_format(cls, value: str) -> str:
        return check_ref_format(value)

    def to_config(self) -> Config:
        # Not dict(self): the field ``keys`` hides the method dict() would call.
        return Config(**{name: getattr(self, name) for name in type(self).model_fields})


def validate_config_file(data: dict[str, Any], path: Path) -> Config:
    """Validate a parsed config file; a bad value is one ConfigError naming the field."""
    try:
        return ConfigFile.model_validate(data).to_config()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "file"
        msg = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"Config file {path}: {where}: {msg}.") from exc
