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
