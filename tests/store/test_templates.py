"""Note templates: defaults, config validation, and expanding abbreviations as you type."""

from __future__ import annotations

from datetime import datetime
from typing import SupportsIndex

import pytest

from store.notes.quality import check_note
from store.notes.templates import (
    DEFAULT_TEMPLATES,
    Template,
    expand_abbreviation,
    template_for,
    templates_from_config,
)

HV = template_for("home visit", DEFAULT_TEMPLATES)
assert HV is not None
HV_BODY = HV.body
# The cursor lands after the first prompt: "Purpose of visit: ".
HV_CURSOR = HV_BODY.index(": ") + 2


# --- defaults -------------------------------------------------------------------------------

REQUIRED = ("home visit", "office visit", "phone call", "meeting", "case note", "email", "letter")


def test_defaults_cover_the_common_note_types() -> None:
    keys = [t.key for t in DEFAULT_TEMPLATES]
    assert set(REQUIRED) <= set(keys)
    assert len(set(keys)) == len(keys)
    abbreviations = [t.abbreviation for t in DEFAULT_TEMPLATES]
    assert len(set(abbreviations)) == len(abbreviations)
    assert all(a.startswith(";") for a in abbreviations)
    # The defaults pass the same validation as templates from the config file.
    assert templates_from_config({}) == DEFAULT_TEMPLATES
    assert templates_from_config(None) == DEFAULT_TEMPLATES


HOME_VISIT_PROMPTS = (
    "present",
    "purpose",
    "discussed",
    "observed",
    "home conditions",
    "client's views",
    "own words",
    "analysis",
    "actions",
    "by when",
)


@pytest.mark.parametrize("prompt", HOME_VISIT_PROMPTS)
def test_home_visit_template_asks_for(prompt: str) -> None:
    assert prompt in HV_BODY.lower()


@pytest.mark.parametrize(
    ("key", "prompts"),
    [
        ("phone call", ("who called whom", "purpose", "discussed", "agreed actions")),
        ("meeting", ("chair", "present", "apologies", "views", "decisions", "actions")),
        ("case note", ("what happened", "analysis", "actions")),
        ("email", ("to", "summary", "attachments", "response needed by")),
        ("letter", ("to", "summary", "attachments", "response needed by")),
    ],
)
def test_other_templates_ask_for(key: str, prompts: tuple[str, ...]) -> None:
    template = template_for(key, DEFAULT_TEMPLATES)
    assert template is not None
    for prompt in prompts:
        assert prompt in template.body.lower()


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES, ids=lambda t: t.key)
def test_an_unfilled_template_is_not_mistaken_for_a_good_note(template: Template) -> None:
    now = datetime(2026, 4, 10, 12)
    issues = check_note(
        body=template.body, note_type=template.key, contact_at=now, now=now, follow_up_on=None
    )
    codes = [i.code for i in issues]
    assert "vague" not in codes  # the prompts themselves use no vague words
    assert "no_action" in codes  # "Actions (...): " left empty is not an action


# --- config ---------------------------------------------------------------------------------


def test_config_overrides_a_default_body_and_keeps_its_abbreviation() -> None:
    templates = templates_from_config({"Home Visit": {"body": "Seen: "}})
    template = template_for("home visit", templates)
    assert template == Template("home visit", ";hv", "Seen: ")
    assert len(templates) == len(DEFAULT_TEMPLATES)


def test_config_overrides_only_the_abbreviation() -> None:
    templates = templates_from_config({"home visit": {"abbreviation": "//hv"}})
    template = template_for("home visit", templates)
    assert template is not None
    assert (template.abbreviation, template.body) == ("//hv", HV_BODY)


def test_config_adds_a_template_and_may_turn_an_abbreviation_off() -> None:
    templates = templates_from_config(
        {
            "core group": {"body": "Chair: \r\nPresent: ", "abbreviation": ";cg"},
            "text message": {"body": "Sent to: "},
            "home visit": {"abbreviation": ""},
        }
    )
    assert template_for("core group", templates) == Template(
        "core group", ";cg", "Chair: \nPresent: "
    )
    assert template_for("text message", templates) == Template("text message", "", "Sent to: ")
    assert expand_abbreviation(";hv", 3, templates) is None


CONFIG_ERRORS = [
    ("not a table", ["x"], "templates: expected a table"),
    ("empty key", {" ": {"body": "x"}}, "templates: ' ' is not a note type name"),
    ("entry not a table", {"home visit": "x"}, 'template "home visit": expected a table'),
    ("unknown field", {"home visit": {"bdy": "x"}}, "template \"home visit\": unknown field 'bdy'"),
    (
        "new without body",
        {"core group": {"abbreviation": ";cg"}},
        'template "core group": body is missing',
    ),
    (
        "body not text",
        {"home visit": {"body": 3}},
        'template "home visit": body must be text, not int',
    ),
    ("body empty", {"home visit": {"body": " \n "}}, 'template "home visit": body is empty'),
    (
        "abbreviation not text",
        {"home visit": {"abbreviation": ["a"]}},
        'template "home visit": abbreviation must be text, not list',
    ),
    ("too short", {"home visit": {"abbreviation": ";"}}, "';' must be 2 to 12 characters"),
    ("too long", {"home visit": {"abbreviation": ";" * 13}}, "must be 2 to 12 characters"),
    ("letter first", {"home visit": {"abbreviation": "hv"}}, "'hv' must start with a symbol"),
    ("digit first", {"home visit": {"abbreviation": "2nd"}}, "'2nd' must start with a symbol"),
    ("unicode letter first", {"home visit": {"abbreviation": "éh"}}, "must start with a symbol"),
    ("space", {"home visit": {"abbreviation": "; hv"}}, "must not contain spaces"),
    ("tab", {"home visit": {"abbreviation": ";\thv"}}, "must not contain spaces"),
    (
        "duplicate",
        {"office visit": {"abbreviation": ";hv"}},
        'template "office visit": abbreviation \';hv\' is already used by "home visit"',
    ),
    (
        "prefix of another",
        {"core group": {"body": "x", "abbreviation": ";h"}},
        "';hv' can never be typed, because ';h' (\"core group\") expands first",
    ),
]


@pytest.mark.parametrize(
    ("label", "raw", "message"), CONFIG_ERRORS, ids=[c[0] for c in CONFIG_ERRORS]
)
def test_config_errors_name_the_template_and_field(label: str, raw: object, message: str) -> None:
    with pytest.raises(ValueError) as info:
        templates_from_config(raw)  # type: ignore[arg-type]
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("note_type", "key"),
    [
        ("home visit", "home visit"),
        ("Home  Visit", "home visit"),
        (" email ", "email"),
        ("fax", None),
    ],
)
def test_template_for(note_type: str, key: str | None) -> None:
    template = template_for(note_type, DEFAULT_TEMPLATES)
    assert (template.key if template else None) == key


# --- expansion ------------------------------------------------------------------------------

EXPANDS = [
    ("start of text", ";hv", 3, "", ""),
    ("after a space", "Visit. ;hv", 10, "Visit. ", ""),
    ("middle, text after", "abc ;hv def", 7, "abc ", " def"),
    ("start of a line", "Note so far.\n;hv", 16, "Note so far.\n", ""),
    ("after a tab", "a\t;hv", 5, "a\t", ""),
    ("unicode before", "Zoë 王小明 🌻\n;hv", 13, "Zoë 王小明 🌻\n", ""),
    ("combining mark before", "Zoe\u0308 ;hv", 8, "Zoe\u0308 ", ""),
    ("no-break space before", "Zoë\u00a0;hv", 7, "Zoë\u00a0", ""),
]


@pytest.mark.parametrize(
    ("label", "text", "cursor", "before", "after"), EXPANDS, ids=[e[0] for e in EXPANDS]
)
def test_abbreviation_expands(label: str, text: str, cursor: int, before: str, after: str) -> None:
    assert text[cursor - 3 : cursor] == ";hv"
    assert expand_abbreviation(text, cursor, DEFAULT_TEMPLATES) == (
        before + HV_BODY + after,
        len(before) + HV_CURSOR,
    )


NOT_EXPANDED = [
    ("inside a word", "x;hv", 4),
    ("after punctuation", "(;hv", 4),
    ("after a unicode letter", "é;hv", 4),
    ("partly typed", ";h", 2),
    ("cursor moved on", ";hv ", 4),
    ("cursor in the middle", ";hv", 2),
    ("cursor at start", ";hv", 0),
    ("cursor past the end", ";hv", 4),
    ("negative cursor", ";hv", -1),
    ("unknown abbreviation", ";zz", 3),
    ("empty text", "", 0),
    ("plain word", "hv", 2),
]


@pytest.mark.parametrize(
    ("label", "text", "cursor"), NOT_EXPANDED, ids=[n[0] for n in NOT_EXPANDED]
)
def test_abbreviation_does_not_expand(label: str, text: str, cursor: int) -> None:
    assert expand_abbreviation(text, cursor, DEFAULT_TEMPLATES) is None


def test_expanded_text_does_not_expand_again() -> None:
    result = expand_abbreviation(";hv", 3, DEFAULT_TEMPLATES)
    assert result is not None
    assert expand_abbreviation(*result, DEFAULT_TEMPLATES) is None


CURSORS = [
    ("first prompt", "Heading\nWho: \nWhat: ", len("Heading\nWho: ")),
    ("colon without space is not a prompt", "Title:\nWho: \n", len("Title:\nWho: ")),
    ("colon mid-line is not a prompt", "Note: write here\nWho: ", len("Note: write here\nWho: ")),
    ("no prompt: end of body", "No prompts here\n", len("No prompts here\n")),
    ("prompt on the last line", "Intro\n\nWho: ", len("Intro\n\nWho: ")),
]


@pytest.mark.parametrize(("label", "body", "offset"), CURSORS, ids=[c[0] for c in CURSORS])
def test_cursor_goes_to_the_first_prompt(label: str, body: str, offset: int) -> None:
    templates = [Template("x", "//x", body)]
    assert expand_abbreviation("Hi //x!", 6, templates) == (f"Hi {body}!", 3 + offset)


def test_longest_allowed_abbreviation_expands() -> None:
    templates = templates_from_config({"x": {"body": "Who: ", "abbreviation": ";" + "x" * 11}})
    text = "é" * 20 + " ;" + "x" * 11
    assert expand_abbreviation(text, len(text), templates) == ("é" * 20 + " Who: ", 26)


def test_expands_near_the_end_of_a_megabyte() -> None:
    head = "Long note. " * 100_000
    text = head + ";pc" + " tail"
    result = expand_abbreviation(text, len(head) + 3, DEFAULT_TEMPLATES)
    assert result is not None
    new_text, cursor = result
    pc = template_for("phone call", DEFAULT_TEMPLATES)
    assert pc is not None
    assert new_text == head + pc.body + " tail"
    assert new_text[:cursor].endswith("Call (who called whom; number used): ")
    assert expand_abbreviation(head, len(head), DEFAULT_TEMPLATES) is None


class _SliceSpy(str):
    """A str that records how many characters each index or slice asks for."""

    sizes: list[int]

    def __getitem__(self, key: SupportsIndex | slice) -> str:
        part = str.__getitem__(self, key)
        self.sizes.append(len(part))
        return part


def test_only_the_characters_before_the_cursor_are_read() -> None:
    text = _SliceSpy("word " * 200_000 + "x;hv")
    text.sizes = []
    assert expand_abbreviation(text, len(text), DEFAULT_TEMPLATES) is None
    assert text.sizes and max(text.sizes) <= 16


def test_the_template_an_abbreviation_belongs_to() -> None:
    from store.notes.templates import find_abbreviation

    found = find_abbreviation("Seen today ;hv", 14, DEFAULT_TEMPLATES)
    assert found is not None and found.key == "home visit"
    assert find_abbreviation("x;hv", 4, DEFAULT_TEMPLATES) is None


def test_prompt_labels_are_every_templates_headings() -> None:
    from store.notes.templates import prompt_labels

    labels = prompt_labels(DEFAULT_TEMPLATES)
    assert "purpose of visit" in labels
    assert "analysis (what this means: needs, risks, strengths, progress)" in labels
    assert prompt_labels([Template("x", "", "Seen: \n\nHeard:")]) == {"seen", "heard"}
