"""Every command, as the README promises: --help exits 0 with its usage; a usage mistake exits
2 with one line on standard error; the command list in --help names them all."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.cli import caseline
from tui.cli import build_parser


def commands() -> list[str]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_the_commands_are_those_the_readme_lists() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for command in commands():
        assert f"caseline {command}" in readme or f"] {command}" in readme, command


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help_and_says_a_usage_mistake_in_one_line(
    tmp_path: Path, command: str
) -> None:
    helped = caseline(tmp_path, command, "--help")
    assert helped.returncode == 0 and helped.stdout.startswith(f"usage: caseline {command}")
    wrong = caseline(tmp_path, command, "--no-such-option")
    assert wrong.returncode == 2, wrong.stderr
    lines = wrong.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in wrong.stderr
    # The option named, or first what is missing before it.
    assert "--no-such-option" in lines[0] or "arguments are required" in lines[0]
