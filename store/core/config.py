"""Configuration: command-line flags, then environment variables, then a TOML file.

The file lives in the user config dir (``caseline --help`` prints where); every field is
optional and validated, and a bad file is reported in one line naming the field.

``Config`` is a plain frozen dataclass: start-up builds one on every run, usually with no file,
and pydantic (with the model that validates a file, in ``store.config_file``) is imported only
when there is a file to read.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import platformdirs

from store.core.errors import StoreError

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

# The kinds of meeting about a case whose minutes are kept (``store.conferences``).
CONFERENCE_TYPES: tuple[str, ...] = (
    "case conference",
    "professionals meeting",
    "case coordination meeting",
    "core group",
    "strategy discussion",
    "review meeting",
    "family meeting",
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


@dataclass(frozen=True)
class Config:
    """Settings read from the config file; defaults suit a UK agency.

    The fields, their meaning and their checks are those of ``store.config_file.ConfigFile``,
    which validates a file; this holds the result.
    """

    db: Path | None = None
    worker: str | None = None
    date_order: Literal["dmy", "mdy"] = "dmy"
    ref_format: str = DEFAULT_REF_FORMAT
    theme: str = "textual-dark"
    keys: dict[str, str] = field(default_factory=dict)
    note_types: tuple[str, ...] = NOTE_TYPES
    templates: dict[str, dict[str, str]] = field(default_factory=dict)
    finalise_on_save: bool = True
    summary_max_age_months: int = 3
    chronology_categories: tuple[str, ...] = CHRONOLOGY_CATEGORIES
    closure_reasons: tuple[str, ...] = CLOSURE_REASONS
    conference_types: tuple[str, ...] = CONFERENCE_TYPES

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
    from store.core.config_file import validate_config_file

    return validate_config_file(data, path)


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
