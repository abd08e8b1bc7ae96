"""Note quality prompts: what fires, and (as important) what does not."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from store.notes.quality import (
    ACTION_PHRASES,
    VAGUE_PHRASES,
    VISIT_TYPES,
    QualityIssue,
    check_note,
)

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

NOW = datetime(2026, 4, 10, 12, 0)
GOOD = (
    "Client reported receiving an eviction notice on 4/10. Explored shelter options; client "
    "agreed to referral to Family Promise. Follow-up 4/12."
)


def check(
    body: str,
    note_type: str = "case note",
    *,
    contact_at: datetime = NOW,
    now: datetime = NOW,
    follow_up_on: date | None = None,
    present: str = "",
) -> list[QualityIssue]:
    return check_note(
        body=body,
        note_type=note_type,
        contact_at=contact_at,
        now=now,
        follow_up_on=follow_up_on,
        present=present,
    )


def codes(body: str, note_type: str = "case note", **kwargs: Any) -> list[str]:
    return [i.code for i in check(body, note_type, **kwargs)]


def vague(body: str) -> list[str]:
    return [i.excerpt for i in check(body) if i.code == "vague"]


# --- vague wording --------------------------------------------------------------------------

VAGUE_FIRES = [
    ("seed example", "Client was upset.", ["was upset"]),
    (
        "inside longer text",
        "Spoke with Sam about school; Sam seemed fine and went out",
        ["seemed fine"],
    ),
    ("case kept in excerpt", "Child SEEMS OK today.", ["SEEMS OK"]),
    ("appeared well", "Dad appeared well", ["appeared well"]),
    ("appropriate team", "Referred to the appropriate team.", ["appropriate"]),
    ("inappropriate", "Behaviour at school inappropriate.", ["inappropriate"]),
    ("appropriately dressed", "Child appropriately dressed.", ["appropriately"]),
    ("doing well", "Doing well at school.", ["Doing well"]),
    ("no concerns alone", "No concerns.", ["No concerns"]),
    ("all good", "All good.", ["All good"]),
    ("bare fine", "Home visit. Everything fine.", ["fine"]),
    ("good visit", "Good visit with mum.", ["Good visit"]),
    ("as usual", "Visit went as usual.", ["as usual"]),
    ("nothing to report", "Nothing to report", ["Nothing to report"]),
    ("two phrases", "Engaged well and presented well.", ["Engaged well", "presented well"]),
    ("dates and times are not detail", "Seemed fine on 4/10 at 10:30am.", ["Seemed fine"]),
    ("named dates are not detail", "Seen 3rd March 2026, all good.", ["all good"]),
    ("extra spaces", "Mum seemed   fine.", ["seemed   fine"]),
    ("longest phrase wins", "Kitchen fine. Mum seemed fine.", ["fine", "seemed fine"]),
    ("each phrase once", "Fine. fine. FINE.", ["Fine"]),
    ("detail stays in its sentence", "Slept 8 hours. Mum was upset.", ["was upset"]),
    ("quote stays in its sentence", 'Mum said "hello". Dad was upset.', ["was upset"]),
    (
        "at most three",
        "Seemed fine. All good. No concerns. As usual. Nothing to report.",
        ["Seemed fine", "All good", "No concerns"],
    ),
]


@pytest.mark.parametrize(
    ("label", "body", "expected"), VAGUE_FIRES, ids=[v[0] for v in VAGUE_FIRES]
)
def test_vague_wording_is_flagged(label: str, body: str, expected: list[str]) -> None:
    assert vague(body) == expected


VAGUE_SILENT = [
    ("fined", "Client was fined for fare evasion."),
    ("define", "We will define the goals together."),
    ("refined", "Refined the safety plan with mum."),
    ("number is detail", "no concerns raised by school about attendance (98%)"),
    ("count is detail", "Mum seemed fine (slept 8 hours, ate breakfast)."),
    ("double quotes", 'Mum said "we\'re fine" and made tea.'),
    ("single quotes", "Mum said 'I'm fine, honestly' and laughed."),
    ("curly quotes", "Mum said \u2018I don\u2019t know, it\u2019s fine\u2019 and laughed."),
    ("curly double quotes", "Sam said \u201call good\u201d when asked."),
    ("e.g. is detail", "Child appropriately dressed for the weather, e.g. coat and boots."),
    ("such as is detail", "Home appropriate for a baby, such as cot and steriliser."),
    ("fine motor", "Sam's fine motor skills are improving."),
    ("a fine", "Client received a parking fine."),
    ("happy to", "Mum was happy to speak to the school."),
    ("fine with", "Dad is fine with the plan."),
    ("appropriate adult", "An appropriate adult attended the police interview."),
    ("hyphenated", "Toys were age-appropriate."),
    ("seed good note", GOOD),
    ("apostrophes are not quotes", "The client's mum's flat was cold; heating broken."),
]


@pytest.mark.parametrize(("label", "body"), VAGUE_SILENT, ids=[v[0] for v in VAGUE_SILENT])
def test_vague_wording_is_not_flagged(label: str, body: str) -> None:
    assert vague(body) == []


@pytest.mark.parametrize("phrase", VAGUE_PHRASES)
def test_every_listed_phrase_fires_on_its_own(phrase: str) -> None:
    assert vague(f"Client {phrase}.") == [phrase]


def test_vague_message_quotes_the_phrase_and_suggests_detail() -> None:
    (issue,) = [i for i in check("Mum seemed\tfine.") if i.code == "vague"]
    assert issue.excerpt == "seemed\tfine"
    assert issue.message == (
        'Vague wording: "seemed fine". Say what you saw or heard '
        "(e.g. what the client said, how the home looked)."
    )


def test_appropriate_and_no_concerns_get_their_own_hints() -> None:
    messages = {i.excerpt: i.message for i in check("Appropriate team. No concerns.")}
    assert "which team" in messages["Appropriate"]
    assert "what you checked" in messages["No concerns"]


def test_unfilled_template_prompts_are_not_read_as_wording() -> None:
    assert vague("Appropriate adult present: \n\nSeen: ") == []


# --- no action or follow-up -----------------------------------------------------------------

NO_ACTION_FIRES = [
    ("plain report", "Client reported receiving an eviction notice."),
    ("will as a name part", "Client moved to Willow Road."),
    ("plan inside a word", "Talked about the planets."),
    ("past date is not by-date", "Letter received on 4/10."),
    ("unfilled prompts", "Seen at home.\n\nNext steps: \n\nActions (who, what, by when): "),
    ("empty", ""),
]


@pytest.mark.parametrize(("label", "body"), NO_ACTION_FIRES, ids=[v[0] for v in NO_ACTION_FIRES])
def test_no_action_fires_without_next_step_or_follow_up(label: str, body: str) -> None:
    issues = [i for i in check(body) if i.code == "no_action"]
    assert len(issues) == 1
    assert "follow-up date" in issues[0].message
    assert "what happens next" in issues[0].message


NO_ACTION_SILENT = [
    ("agreed", "Client agreed to a referral."),
    ("will", "Worker will call on Friday."),
    ("plan", "Plan: visit weekly."),
    ("next", "Next visit Tuesday."),
    ("follow-up", "Follow-up call in a week."),
    ("follow up", "To follow up with school."),
    ("referred", "Referred to Family Promise."),
    ("arranged", "Arranged a food bank voucher."),
    ("booked", "Appointment booked."),
    ("to do", "To do: send the form."),
    ("action", "Action: mum to call GP."),
    ("review", "Review at core group."),
    ("contact again", "Contact again after the hearing."),
    ("by date", "Rent statement needed by 4/12."),
    ("by weekday", "Reply needed by Friday."),
    ("by month", "Forms back by March."),
    ("someone to do something", "Mum to ring the GP."),
    ("prompt with content below", "Agreed:\n- Mum to ring the GP"),
    ("no further action", "No further action."),
    ("seed good note", GOOD),
]


@pytest.mark.parametrize(("label", "body"), NO_ACTION_SILENT, ids=[v[0] for v in NO_ACTION_SILENT])
def test_no_action_is_silent_when_next_step_is_written(label: str, body: str) -> None:
    assert "no_action" not in codes(body)


@pytest.mark.parametrize("phrase", ACTION_PHRASES)
def test_every_listed_action_phrase_counts(phrase: str) -> None:
    assert "no_action" not in codes(f"Seen at home. {phrase}.")


def test_a_follow_up_date_is_enough() -> None:
    assert "no_action" not in codes("Seen at home.", follow_up_on=date(2026, 4, 17))


# --- dated in the future --------------------------------------------------------------------

FUTURE = [
    ("six minutes ahead", NOW + timedelta(minutes=6), NOW, True),
    ("next year typo", NOW.replace(year=2027), NOW, True),
    ("five minutes ahead", NOW + timedelta(minutes=5), NOW, False),
    ("now", NOW, NOW, False),
    ("yesterday", NOW - timedelta(days=1), NOW, False),
    # TZ is Europe/London (conftest): 12:00 UTC is 13:00 local in April.
    ("naive local vs aware", datetime(2026, 4, 10, 13, 30), NOW.replace(tzinfo=UTC), True),
    ("naive local vs aware, close", datetime(2026, 4, 10, 13, 4), NOW.replace(tzinfo=UTC), False),
    ("both aware", NOW.replace(tzinfo=UTC) + timedelta(hours=1), NOW.replace(tzinfo=UTC), True),
]


@pytest.mark.parametrize(("label", "at", "now", "fires"), FUTURE, ids=[f[0] for f in FUTURE])
def test_future_date(label: str, at: datetime, now: datetime, fires: bool) -> None:
    assert ("future" in codes(GOOD, contact_at=at, now=now)) is fires


def test_future_message_shows_the_date() -> None:
    (issue,) = check(GOOD, contact_at=datetime(2026, 4, 11, 9, 30))
    assert issue.code == "future"
    assert "in the future" in issue.message
    assert "11 Apr 2026 09:30" in issue.message


# --- visits: length and who was present -----------------------------------------------------

LONG = "Discussed rent arrears and the letter from the landlord; plan agreed."

SHORT = [
    ("home visit", "Seen. Plan agreed.", True),
    ("Office  Visit", "Seen. Plan agreed.", True),
    ("meeting", "Seen. Plan agreed.", True),
    ("video call", "Seen. Plan agreed.", True),
    ("phone call", "Seen. Plan agreed.", False),
    ("case note", "Seen. Plan agreed.", False),
    ("home visit", LONG, False),
    ("home visit", "Purpose: \n\nPresent: \n\nDiscussed: \n\nObserved: \n\nActions: ", True),
]


@pytest.mark.parametrize(("note_type", "body", "fires"), SHORT)
def test_too_short_for_visits_and_meetings(note_type: str, body: str, fires: bool) -> None:
    assert ("too_short" in codes(body, note_type, present="Mum")) is fires


def test_too_short_message_says_what_to_record() -> None:
    (issue,) = check("Seen. Plan agreed.", "home visit", present="Mum")
    assert issue.code == "too_short"
    assert "who was present" in issue.message and "observed" in issue.message


PRESENT = [
    ("home visit", LONG, "", True),
    ("home visit", LONG, "   ", True),
    ("meeting", LONG, "", True),
    ("home visit", LONG, "Mum, Sam (7)", False),
    ("phone call", LONG, "", False),
    ("home visit", f"Present: Mum and Sam\n{LONG}", "", False),
    ("home visit", f"Who was present (names, roles): Mum\n{LONG}", "", False),
    ("home visit", f"Present: \n{LONG}", "", True),
]


@pytest.mark.parametrize(("note_type", "body", "present", "fires"), PRESENT)
def test_no_present(note_type: str, body: str, present: str, fires: bool) -> None:
    assert ("no_present" in codes(body, note_type, present=present)) is fires


@pytest.mark.parametrize("note_type", VISIT_TYPES)
def test_good_visit_note_has_no_issues(note_type: str) -> None:
    assert check(GOOD, note_type, present="Client and her son Jay (4)") == []


# --- order ----------------------------------------------------------------------------------


def test_issues_are_ordered_most_important_first() -> None:
    issues = check("Client was upset.", "home visit", contact_at=NOW + timedelta(days=1))
    assert [i.code for i in issues] == ["future", "vague", "no_action", "too_short", "no_present"]
    assert all(i.message and "\n" not in i.message for i in issues)


# --- template headings left empty -----------------------------------------------------------

EMPTY_HEADING_FIRES = [
    ("bare, at the end", "Discussed: rent. Agreed: review on 1/12.\n\nPurpose of visit: ", []),
    (
        "bare, then the next heading",
        "Purpose of visit:\n\nDiscussed: rent arrears. Agreed: review 1/12.",
        ["Purpose of visit"],
    ),
    (
        "a heading whose label holds a colon",
        "Purpose of visit: boiler\nAnalysis (what this means: needs, risks, strengths, "
        "progress): \nOutcome and actions (who, what, by when): Mum to ring the GP.",
        ["Analysis"],
    ),
    ("as a Markdown heading", "## Purpose of visit:\n## Discussed: rent. Agreed: review.", []),
]


@pytest.mark.parametrize(
    ("label", "body", "named"), EMPTY_HEADING_FIRES, ids=[v[0] for v in EMPTY_HEADING_FIRES]
)
def test_template_headings_left_empty_are_pointed_out(
    label: str, body: str, named: list[str]
) -> None:
    issues = [i for i in check(body, "home visit") if i.code == "empty_heading"]
    assert len(issues) == 1
    for name in named or ["Purpose of visit"]:
        assert f'"{name}' in issues[0].message
    assert '"Discussed"' not in issues[0].message  # answered on its own line


EMPTY_HEADING_SILENT = [
    ("answered on the line", "Purpose of visit: boiler check. Agreed: review 1/12."),
    ("answered on the next lines", "Purpose of visit:\n- boiler\n- rent\nAgreed: review 1/12."),
    ("the worker's own colon", "Agreed:\n- Mum to ring the GP"),
    ("a label not from a template", "Weather: \n\nSeen at home. Agreed: review 1/12."),
]


@pytest.mark.parametrize(
    ("label", "body"), EMPTY_HEADING_SILENT, ids=[v[0] for v in EMPTY_HEADING_SILENT]
)
def test_filled_headings_and_own_labels_are_not_questioned(label: str, body: str) -> None:
    assert "empty_heading" not in codes(body, "home visit")


def test_configured_templates_headings_count() -> None:
    issues = check_note(
        body="Agreed: review 1/12.\n\nSeen: ",
        note_type="home visit",
        contact_at=datetime(2026, 4, 10, 12),
        now=datetime(2026, 4, 10, 12),
        follow_up_on=None,
        headings=frozenset({"seen"}),
    )
    assert [i.code for i in issues if i.code == "empty_heading"] == ["empty_heading"]
