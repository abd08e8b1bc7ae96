"""Configuration: command-line flags, then environment variables, then a TOML file.

The file lives in the user config dir (``caseline --help`` prints where); every field is
optional and validated, and a bad file is reported in one line naming the field.

``Config`` (in ``store.common.settings``) is a plain frozen dataclass: start-up builds one on every
run, and pydantic (with the model that validates a file, in ``store.common.config_file``, some
100 ms to import) is imported only when there is a file to read that holds more than a few
simple settings, each plainly valid (``read_simply``); a bad value is always reported by the
model, in its words.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs

from store.common.database_url import database_location, shown_url
from store.common.settings import (
    APP_NAME,
    CHOICES,
    NUMBER_LIMITS,
    SWITCHES,
    Config,
    ConfigError,
)

# Where a service (``caseline serve``, a nightly job) gives an encrypted database's passphrase;
# never an argument, which anyone on the computer could read in the process list.
PASSPHRASE_VARIABLE = "CASELINE_DB_PASSPHRASE"


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
    import tomllib  # only when there is a file (4 ms of start-up otherwise)

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Config file {path} is not valid TOML: {exc}.") from exc
    simple = read_simply(data)
    if simple is not None:
        return simple
    from store.common.config_file import validate_config_file

    return validate_config_file(data, path)


def read_simply(data: dict[str, Any]) -> Config | None:
    """The settings of a parsed config file holding only simple ones (a switch, a number, one
    of a few words, the worker's name, the theme, the database file), each of the exact type
    and within its bounds: what the file's model (``store.common.config_file``) would make of
    them. None for anything else, which the model then reads."""
    for name, value in data.items():
        if name in SWITCHES:
            ok = type(value) is bool
        elif name in NUMBER_LIMITS:
            low, high = NUMBER_LIMITS[name]
            ok = type(value) is int and low <= value <= high
        elif name in CHOICES:
            ok = type(value) is str and value in CHOICES[name]
        elif name in ("worker", "theme", "db"):
            ok = type(value) is str
        else:
            ok = False
        if not ok:
            return None
    if "db" in data:
        data = {**data, "db": database_location(data["db"])}
    return Config(**data)


def resolve_database(flag: str | None, config: Config) -> Path | str:
    """Where the database is, in order: --db, CASELINE_DB, the config file, the user data dir:
    an SQLite file's path, or a PostgreSQL database's postgresql:// URL."""
    for candidate in (flag, os.environ.get("CASELINE_DB"), config.db):
        if candidate:
            return database_location(candidate)
    return default_db_path()


def resolve_db_path(flag: str | None, config: Config) -> Path:
    """The database file, for a command that works on the file itself (a backup, a check, an
    export read from a copy); a PostgreSQL database is refused in one line."""
    found = resolve_database(flag, config)
    if isinstance(found, str):
        raise ConfigError(
            f"This command works on an SQLite database file; {shown_url(found)} is a "
            "PostgreSQL database."
        )
    return found


def resolve_worker(flag: str | None, config: Config) -> str:
    """Worker name, in order: --worker, CASELINE_WORKER, the config file, the login name."""
    for candidate in (flag, os.environ.get("CASELINE_WORKER"), config.worker):
        if candidate and candidate.strip():
            return candidate.strip()
    return login_name()


def os_login_name() -> str:
    """The computer's login name for the account running this process, from the account
    database: never from $USER or $LOGNAME, which anyone can set to anyone."""
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # an account with no name (a container's bare uid)
        return str(os.getuid())


def login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "worker"
