"""The README is the contract with a newcomer: what it promises about keys must be true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINDING_ID = re.compile(r'\bid="([a-z_]+\.[a-z_]+)"')


def test_every_binding_id_is_listed_for_remapping() -> None:
    from tui.screens.case_file.tabs import CASE_SCREENS, EXTRA_TABS

    ids = {m for path in (ROOT / "tui").rglob("*.py") for m in BINDING_ID.findall(path.read_text())}
    # The keys of the case file's extra tabs and screens have ids made from the table's names.
    ids |= {f"case_file.{entry.id}" for entry in (*EXTRA_TABS, *CASE_SCREENS)}
    readme = (ROOT / "README.md").read_text()
    paragraph = readme.split("Binding ids:", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"`([a-z_]+\.[a-z_]+)`", paragraph))
    assert len(ids) > 50
    assert sorted(ids - listed) == []
    assert sorted(listed - ids) == []


def test_the_readme_opens_with_the_two_commands_ci_runs_and_says_how_long_the_tests_take() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)[:2]
    assert "caseline --demo" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()  # CI runs exactly what a newcomer is told to
    intro = readme[: readme.index("## Using it")]
    assert re.search(r"about [\d½]+ minutes on a 2-core\s+machine", intro)


# What a contributor runs before committing (README, "Developing"), each of which fails CI.
CHECKS = (
    ".venv/bin/ruff check .",
    ".venv/bin/ruff format --check .",
    ".venv/bin/mypy",
    ".venv/bin/lint-imports",
)


def test_ci_runs_the_readme_test_command_then_the_four_checks_and_the_readme_lists_them() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = re.findall(r"```sh\n(.+?)\n```", readme)[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    run = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    # Verbatim, first, and before the dev tools are installed: the tests see only what
    # `.[test]` installs, as a newcomer's would.
    assert test_command in run
    first = run.index(test_command)
    dev = run.index(".venv/bin/pip install -q -e '.[dev]'")
    assert first < dev
    # Each check a line of its own (nothing like `|| true` after it), in this order.
    assert [line for line in run[dev + 1 :] if line in CHECKS] == list(CHECKS)
    developing = readme.split("## Developing", 1)[1].split("```", 2)[1]
    listed = [line.split("#", 1)[0].strip() for line in developing.splitlines()]
    assert [line for line in listed if line in CHECKS] == list(CHECKS)
