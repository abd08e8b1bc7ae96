"""Configuration: precedence of flag, environment and file, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.common.config import load_config, resolve_db_path, resolve_worker
from store.common.settings import Config, ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.toml")
    assert config == Config()
    assert config.dayfirst
    assert config.ref_format == "CL-{year}-{seq:04d}"


def test_file_values_are_read(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            'date_order = "mdy"\nref_format = "{yy}-{seq:03d}"\n'
            'db = "~/cases.db"\n[keys]\n"caseload.add" = "n"\n',
        )
    )
    assert not config.dayfirst
    assert config.ref_format == "{yy}-{seq:03d}"
    assert config.keys == {"caseload.add": "n"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date_order = 'ymd'", "date_order"),
        ("ref_format = 'CL-{year}'", "must contain {seq}"),
        ("ref_format = 'CL-{seq:q}'", "bad case reference format"),
        ("colour = 'blue'", "colour"),
        ("this is not toml", "not valid TOML"),
    ],
)
def test_bad_config_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=r"config\.toml") as caught:
        load_config(write(tmp_path, text))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_database_path_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = Config(db=tmp_path / "from-config.db")
    monkeypatch.setenv("CASELINE_DB", str(tmp_path / "from-env.db"))
    assert resolve_db_path(str(tmp_path / "flag.db"), config).name == "flag.db"
    assert resolve_db_path(None, config).name == "from-env.db"
    monkeypatch.delenv("CASELINE_DB")
    assert resolve_db_path(None, config).name == "from-config.db"
    assert resolve_db_path(None, Config()).name == "caseline.db"
    assert "caseline" in str(resolve_db_path(None, Config()).parent)


def test_worker_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASELINE_WORKER", "env.worker")
    assert resolve_worker("flag.worker", Config(worker="cfg")) == "flag.worker"
    assert resolve_worker(None, Config(worker="cfg")) == "env.worker"
    monkeypatch.delenv("CASELINE_WORKER")
    assert resolve_worker(None, Config(worker="cfg")) == "cfg"
    assert resolve_worker(None, Config())  # the login name


def test_readme_note_settings_are_accepted(tmp_path: Path) -> None:
    from store.notes.templates import template_for, templates_from_config

    config = load_config(
        write(
            tmp_path,
            'note_types = ["home visit", "phone call"]\nfinalise_on_save = false\n'
            'summary_max_age_months = 6\n[templates."home visit"]\nabbreviation = ";hv"\n'
            'body = """Purpose of visit: \n\nPresent: \n"""\n',
        )
    )
    assert config.note_types == ("home visit", "phone call")
    assert not config.finalise_on_save
    template = template_for("home visit", templates_from_config(config.templates))
    assert template is not None and template.body.startswith("Purpose of visit: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("note_types = []", "note_types"),
        ("note_types = ['visit', 'visit']", "same name twice"),
        ("summary_max_age_months = 0", "summary_max_age_months"),
        ("closure_reasons = ['Moved', 'moved']", "closure_reasons has the same name twice"),
        (f"closure_reasons = ['{'x' * 61}']", "names of 1 to 60 characters"),
    ],
)
def test_bad_note_settings(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert message in str(caught.value)


def test_closure_reasons_are_read_and_tidied(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "closure_reasons = ['work  completed', 'moved away']"))
    assert config.closure_reasons == ("work completed", "moved away")
    assert "no further action" in load_config(write(tmp_path, "")).closure_reasons


def test_assessment_domains_and_scale_are_read(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "assessment_domains = ['housing', 'money  matters']\n"
            "assessment_scale = ['none', 'some', 'a lot']",
        )
    )
    assert config.assessment_domains == ("housing", "money matters")
    assert config.assessment_scale == ("none", "some", "a lot")
    defaults = load_config(write(tmp_path, ""))
    assert "safety and risk" in defaults.assessment_domains
    assert defaults.assessment_scale[0] == "no need"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("assessment_scale = ['need']", "2 to 7 ratings"),
        ("assessment_scale = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']", "2 to 7 ratings"),
        ("assessment_domains = []", "assessment_domains"),
        ("assessment_domains = ['Housing', 'housing']", "same name twice"),
    ],
)
def test_bad_assessment_settings(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert message in str(caught.value)


def test_sign_in_settings_are_read(tmp_path: Path) -> None:
    assert (Config().identity, Config().max_failed_sign_ins, Config().min_passphrase_length) == (
        "passphrase",
        5,
        10,
    )
    config = load_config(
        write(
            tmp_path, 'identity = "os-login"\nmax_failed_sign_ins = 3\nmin_passphrase_length = 12\n'
        )
    )
    assert (config.identity, config.max_failed_sign_ins, config.min_passphrase_length) == (
        "os-login",
        3,
        12,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('identity = "ldap"', "identity"),
        ("max_failed_sign_ins = 0", "max_failed_sign_ins"),
        ("max_failed_sign_ins = 101", "max_failed_sign_ins"),
        ("min_passphrase_length = 7", "min_passphrase_length"),
        ("min_passphrase_length = 129", "min_passphrase_length"),
    ],
)
def test_bad_sign_in_settings(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert message in str(caught.value)


def test_the_cursor_blinks_only_when_the_file_says_so(tmp_path: Path) -> None:
    assert not load_config(write(tmp_path, "")).cursor_blink
    assert load_config(write(tmp_path, "cursor_blink = true\n")).cursor_blink
    with pytest.raises(ConfigError, match="cursor_blink"):
        load_config(write(tmp_path, 'cursor_blink = "sometimes"\n'))


def test_a_file_of_simple_settings_is_read_as_the_model_reads_it(tmp_path: Path) -> None:
    """Start-up reads a file of plainly valid simple settings without pydantic
    (``read_simply``): whatever it reads, the model reads the same, and whatever the model
    refuses it leaves to the model, so the error is the model's."""
    from store.common.config import read_simply
    from store.common.config_file import validate_config_file
    from store.common.settings import CHOICES, NUMBER_LIMITS, SWITCHES

    values: dict[str, list[object]] = {name: [True, False, 1, "yes"] for name in SWITCHES}
    for name, (low, high) in NUMBER_LIMITS.items():
        values[name] = [low - 1, low, high, high + 1, True, str(low), float(low)]
    for name, words in CHOICES.items():
        values[name] = [*words, words[0].upper(), "", 1]
    for name in ("worker", "theme", "db"):
        values[name] = ["sam", " sam ", "", "~/cases.db", 1]
    exact = {name: type(tried[0]) for name, tried in values.items()}
    values["ref_format"] = ["CL-{seq}"]
    values["note_types"] = [["visit"]]
    read = 0
    for name, tried in values.items():
        for value in tried:
            simply = read_simply({name: value})
            try:
                model: Config | None = validate_config_file({name: value}, tmp_path)
            except ConfigError:
                model = None
            if simply is not None:
                read += 1
                assert model is not None, (name, value)
                assert simply == model, (name, value)
            elif type(value) is exact.get(name):
                assert model is None, (name, value)  # of its type, and left: the model refuses it
    assert read == 36  # every value of its type within its bounds
