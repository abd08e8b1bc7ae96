"""The README is the contract with a newcomer: what it promises about keys must be true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINDING_ID = re.compile(r'\bid="([a-z_]+\.[a-z_]+)"')


def test_every_binding_id_is_listed_for_remapping() -> None:
    ids = {m for path in (ROOT / "tui").rglob("*.py") for m in BINDING_ID.findall(path.read_text())}
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
