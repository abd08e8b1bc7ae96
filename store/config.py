"""Configuration: command-line flags, then environment variables, then a TOML file.

The file lives in the user config dir (``caseline --help`` prints where); every field is
optional and validated, and a bad file is reported in one line naming the field.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .errors import StoreError

APP_NAME = "caseline"
DEFAULT_REF_FORMAT = "CL-{year}-{seq:04d}"
NOTE_TYPES: tuple[str, ...] = (
    "home visit",
    "office visit",
    "phone call",
    "video call",
    "email",
    "letter",
    "text message",
    "meeting",
    "case note",
)
# What a worker can file a manual chronology entry under (automatic entries add "allocation"
# and "status"; significant notes use "contact").
CHRONOLOGY_CATEGORIES: tuple[str, ...] = (
    "incident",
    "safeguarding",
    "health",
    "housing",
    "education",
    "legal",
    "contact",
    "placement",
    "other",
)

CLOSURE_REASONS: tuple[str, ...] = (
    "work completed",
    "client declined further involvement",
    "client moved out of the area",
    "transferred to another service",
    "no further action",
    "client died",
    "other",
)


class ConfigError(StoreError):
    """The configuration file is unreadable or has a bad value."""


def check_ref_format(fmt: str) -> str:
    """Validate a case-reference format by formatting a sample; return it unchanged."""
    if "{seq" not in fmt:
        raise ValueError("the case reference format must contain {seq}, e.g. CL-{year}-{seq:04d}")
    try:
        sample = fmt.format(year=2026, yy="26", seq=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(
            f"bad case reference format {fmt!r} ({exc}); use {{year}}, {{yy}} and {{seq}}"
        ) from None
    if not sample.strip() or len(sample) > 30:
        raise ValueError("the case reference format must give 1 to 30 characters")
    return fmt


class Config(BaseModel):
    """Settings read from the config file; defaults suit a UK agency."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: Path | None = Field(default=None, description="Database file.")
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
        default=3, ge=1, le=24, description="A case summary older than this is flagged."
    )
    chronology_categories: tuple[str, ...] = Field(
        default=CHRONOLOGY_CATEGORIES,
        description="The categories a manual chronology entry can have, in the order offered.",
    )
    closure_reasons: tuple[str, ...] = Field(
        default=CLOSURE_REASONS,
        description="The reasons a case can be closed for, in the order offered.",
    )

    @field_validator("note_types", "chronology_categories", "closure_reasons")
    @classmethod
    def _names(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        field = info.field_name
        cleaned = tuple(" ".join(t.split()) for t in value)
        limit = 60 if field == "closure_reasons" else 30
        if not cleaned or any(not t or len(t) > limit for t in cleaned):
            raise ValueError(f"{field} must be a list of names of 1 to {limit} characters")
        # Compared without case when a record is filed, so "Health" and "health" are one.
        if len({t.casefold() for t in cleaned}) != len(cleaned):
            raise ValueError(f"{field} has the same name twice")
        return cleaned

    @field_validator("ref_format")
    @classmethod
    def _ref_format(cls, value: str) -> str:
        return check_ref_format(value)

    @property
    def dayfirst(self) -> bool:
        return self.date_order == "dmy"


def config_path() -> Path:
    """Where the config file is read from (``CASELINE_CONFIG`` overrides, for tests)."""
    override = os.environ.get("CASELINE_CONFIG")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_db_path() -> Path:
    return data_dir() / "caseline.db"


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def load_config(path: Path | None = None) -> Config:
    """Read and validate the config file; a missing file means all defaults."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"Cannot read config file {path}: {exc.strerror or exc}.") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Config file {path} is not valid TOML: {exc}.") from exc
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "file"
        msg = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"Config file {path}: {where}: {msg}.") from exc


def resolve_db_path(flag: str | None, config: Config) -> Path:
    """Database location, in order: --db, CASELINE_DB, the config file, the user data dir."""
    for candidate in (flag, os.environ.get("CASELINE_DB"), config.db):
        if candidate:
            return Path(candidate).expanduser()
    return default_db_path()


def resolve_worker(flag: str | None, config: Config) -> str:
    """Worker name, in order: --worker, CASELINE_WORKER, the config file, the login name."""
    for candidate in (flag, os.environ.get("CASELINE_WORKER"), config.worker):
        if candidate and candidate.strip():
            return candidate.strip()
    return login_name()


def login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "worker"
