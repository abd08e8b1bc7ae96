"""The tests parse each stylesheet once per process (tests/conftest.py wraps Textual's
``Stylesheet._parse_rules``): this fails when Textual changes what that wrapper relies on."""

from __future__ import annotations

import inspect

import textual.css.stylesheet
from textual.css.stylesheet import Stylesheet

from tests import conftest


def test_the_wrapped_method_still_takes_what_the_wrapper_passes() -> None:
    wrapped = inspect.signature(conftest._parse_rules)
    assert list(wrapped.parameters) == [
        "self", "css", "read_from", "is_default_rules", "tie_breaker", "scope",
    ]  # fmt: skip
    assert textual.css.stylesheet.Stylesheet._parse_rules is conftest._parse_rules_once


def test_a_second_stylesheet_gets_the_rules_parsed_for_the_first() -> None:
    css = "Static.x { color: $primary; }"
    first, second = (
        Stylesheet(variables={"primary": "red"}),
        Stylesheet(variables={"primary": "red"}),
    )
    for sheet in (first, second):
        sheet.add_source(css, read_from=("test", "x"))
        sheet.parse()
    assert first.rules and first.rules[0] is second.rules[0]
    assert str(first.rules[0].styles.color) == str(second.rules[0].styles.color)


def test_other_variables_are_parsed_again() -> None:
    css = "Static.y { color: $primary; }"
    red, blue = Stylesheet(variables={"primary": "red"}), Stylesheet(variables={"primary": "blue"})
    for sheet in (red, blue):
        sheet.add_source(css, read_from=("test", "y"))
        sheet.parse()
    assert red.rules[0] is not blue.rules[0]
    assert red.rules[0].styles.color != blue.rules[0].styles.color
