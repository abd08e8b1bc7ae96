"""The text-safety module: nothing a person typed may drive the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.common.textsafe import (
    clean_field,
    fold,
    pasted,
    preview_line,
    single_line,
    strip_control,
    visible,
    visible_parts,
)
from store.service import Store

HOSTILE = [
    ("osc52 clipboard", "a\x1b]52;c;SEVJTUxP\x07b", "ab"),
    ("osc title with ST", "a\x1b]0;PWNED\x1b\\b", "ab"),
    ("clear screen", "a\x1b[2Jb", "ab"),
    ("colour", "\x1b[31mred\x1b[0m", "red"),
    ("8-bit CSI", "a\x9b31mb", "ab"),
    ("bell and backspace", "a\x07\x08b", "ab"),
    ("NUL and DEL", "a\x00\x7fb", "ab"),
    ("C1 next line", "a\x85b", "ab"),
    ("unterminated OSC", "a\x1b]52;c;SEVJ", "a"),
    ("lone ESC", "a\x1bb", "a"),
    ("reset terminal", "a\x1bcb", "ab"),
]


@pytest.mark.parametrize(("label", "raw", "expected"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_escape_sequences_and_control_characters_are_removed(
    label: str, raw: str, expected: str
) -> None:
    assert strip_control(raw) == expected
    assert single_line(raw) == expected


def test_tabs_and_newlines_survive_multi_line_text_but_not_single_lines() -> None:
    assert strip_control("a\tb\nc\r\n") == "a\tb\nc\n"
    assert single_line("a\tb\nc\r\nd") == "a b c d"


def test_markup_looking_text_is_left_alone() -> None:
    text = "[bold]Smith[/] [@click=app.quit]x[/] **bold** <script>"
    assert strip_control(text) == text


def test_unicode_is_kept() -> None:
    text = "Zoë 王小明 محمد 🌻 Ñuñez"
    assert strip_control(text) == text


def test_clean_field_normalises_what_people_type() -> None:
    assert clean_field("  Zoe\u0308   Smith\t") == "Zoë Smith"  # NFC: one code point for ë
    assert len(clean_field("Zoe\u0308")) == 3


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Zoë", "zoe"),
        ("ŁUKASZ", "lukasz"),
        ("Siobhán", "siobhan"),
        ("Müller", "muller"),
        ("Straße", "strasse"),
        ("Øyvind", "oyvind"),
        ("王小明", "王小明"),
    ],
)
def test_fold_is_case_and_accent_insensitive(raw: str, key: str) -> None:
    assert fold(raw) == key


def test_pasted_text_keeps_its_lines_and_tabs_but_no_control_sequences() -> None:
    # Terminals send a pasted line break as a carriage return.
    assert pasted("a\tb\rc\r\nd\x1b]0;x\x07e\x1b[31m!") == "a\tb\nc\nde!"


SPANNING = "\x1b]0;PWNED\nTITLE\x07 Home visit \x1b[31mwith\x1b[0m Dana\nSecond line"


def test_a_preview_removes_sequences_whole_before_taking_the_first_line() -> None:
    assert preview_line(SPANNING) == "Home visit with Dana"
    assert preview_line("\x1b[2J\n\n## Review\tnotes", markdown=True) == "Review notes"
    assert preview_line("x" * 8 + "\x1b[31mred", 10) == "xxxxxxxxr…"
    assert preview_line("\x1b]52;c;" + "A" * 100 + "\x07Phoned", 20) == "Phoned"


def test_the_notes_list_and_chronology_summaries_show_no_leftovers(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "previews.db")
    me = store.workers.ensure("sam")
    case = store.cases.create(me, {"client_name": "Dana Reyes"})
    store.notes.finalise(
        me, case.id, {"contact_at": "today 9:00", "note_type": "phone call", "body": SPANNING}
    )
    entry = store.chronology.add(
        me,
        case.id,
        {"occurred_on": "today", "category": "incident", "title": "Fall", "details": SPANNING},
    )
    (note,) = store.notes.for_case(me, case.id)
    summary = next(e for e in store.chronology.entries(me, case.id) if e.id == entry.id).summary
    store.close()
    assert note.first_line == "Home visit with Dana"
    assert summary == "Home visit with Dana"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Smith\u202enosnhoJ", "Smith⟨RLO⟩nosnhoJ"),
        ("\u202a\u202b\u202c\u202d\u202e", "⟨LRE⟩⟨RLE⟩⟨PDF⟩⟨LRO⟩⟨RLO⟩"),
        ("\u2066\u2067\u2068\u2069\u200e\u200f\u061c", "⟨LRI⟩⟨RLI⟩⟨FSI⟩⟨PDI⟩⟨LRM⟩⟨RLM⟩⟨ALM⟩"),
        ("a\u200bb\u200cc\u200dd\u2060e", "a⟨ZWSP⟩b⟨ZWNJ⟩c⟨ZWJ⟩d⟨WJ⟩e"),
        ("\ufeffAnna Le\u00adigh", "⟨BOM⟩Anna Le⟨SHY⟩igh"),
        ("\u200d👩\u200d", "⟨ZWJ⟩👩⟨ZWJ⟩"),  # a joiner with nothing to join
        (
            "👩\u200d💻 👨\u200d👩\u200d👧 👩🏽\u200d⚕️ ❤️\u200d🔥",
            "👩\u200d💻 👨\u200d👩\u200d👧 👩🏽\u200d⚕️ ❤️\u200d🔥",
        ),
        ("Zoë 王小明 محمد", "Zoë 王小明 محمد"),
    ],
)
def test_invisible_and_direction_characters_are_made_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_marks_are_told_apart_from_text() -> None:
    assert visible_parts("a\u202eb") == [("a", False), ("⟨RLO⟩", True), ("b", False)]
    assert visible_parts("plain") == [("plain", False)]


def test_invisible_characters_do_not_hide_a_name_from_search_or_duplicates(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "spoof.db")
    me = store.workers.ensure("sam")
    store.cases.create(me, {"client_name": "Anna Smith"})
    store.cases.create(me, {"client_name": "Bob Jo\u200bnes\u202e"})
    duplicates = store.cases.possible_duplicates(me, "Anna Smi\u200bth\ufeff")
    found = [row.client_name for row in store.cases.find(me, "jones")]
    store.close()
    assert [(d.name, d.reasons) for d in duplicates] == [("Anna Smith", ("same name",))]
    assert found == ["Bob Jo\u200bnes\u202e"]  # found, and kept as typed


def test_history_labels_cut_long_actions_without_leaving_half_a_sequence(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "labels.db")
    me = store.workers.ensure("sam")
    case = store.cases.create(me, {"client_name": "Dana Reyes"})
    plan = store.plans.start(me, case.id, {"started_on": "today", "review_interval": "6 weeks"})
    goal = store.plans.add_goal(
        me,
        plan.id,
        {
            "domain": "health",
            "change": "Attend three diabetes education classes",
            "measure": "classes attended, from the register",
            "target": "3 of 3",
            "relevance": "I want to stay well",
            "target_on": "+3m",
            "client_agreed": "yes",
            "achievable": "yes",
        },
    )
    # Typed text is kept as typed; a sequence straddles the 40th character of the label.
    what = "Ring the GP about the \x1b]52;c;QUJDREVGR0hJSktMTU5PUFFS\x07 repeat prescription"
    data = {"what": what, "owner": "worker", "due_on": "+1w"}
    action = store.plans.add_action(me, goal.id, data)
    store.plans.update_action(
        me, action.id, {**data, "status": "done", "status_note": "Rang"}, version=action.version
    )
    labels = [label for label, _ in store.case_file.case_history(me, case.id)]
    store.close()
    assert "Plan action: Ring the GP about the repeat prescription" in labels
