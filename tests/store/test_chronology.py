"""The chronology: filters, the current allocation, manual entries and their history,
annotating automatic entries, and reading typed periods."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from store.cases.records import CaseDetail
from store.chronology.period import DatePeriodError, parse_period
from store.chronology.records import ChronologyItem
from store.chronology.rules import ANALYSIS_MAX, DEFAULT_CATEGORIES, DETAILS_MAX
from store.chronology.service import AUTOMATIC_NOT_EDITABLE
from store.common.config import load_config
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import WorkerInfo
from store.common.settings import Config, ConfigError
from store.core import migrations
from store.core.db import Database
from store.core.models import Allocation, Case, ChronologyEntry, utcnow
from store.service import Store
from tests.conftest import FROZEN_NOW
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

TODAY = FROZEN_NOW.date()  # Monday 23 November 2026

MakeCase = Callable[..., CaseDetail]


def entry(**fields: Any) -> dict[str, Any]:
    """A valid manual entry form, with ``fields`` replacing the defaults."""
    form: dict[str, Any] = {
        "occurred_on": "3/11/2026",
        "category": "incident",
        "title": "Police called to address",
        "details": "Neighbour heard shouting.\n\nNo arrests.",
        "source_of_information": "Police (PC 1234)",
        "analysis": "",
    }
    form.update(fields)
    return form


@pytest.fixture
def case(make_case: MakeCase) -> CaseDetail:
    return make_case(allocated_on="1/6/2026")


def titles(items: list[ChronologyItem]) -> list[str]:
    return [i.title for i in items]


# --- adding ----------------------------------------------------------------------------


def test_a_manual_entry_is_stored_as_typed_under_the_current_allocation(
    store: Store, me: WorkerInfo, case: CaseDetail, db_path: Path
) -> None:
    details = "Neighbour heard **shouting**.\n\n<script>x</script>  \n"
    item = store.chronology.add(
        me,
        case.id,
        entry(
            category="Safeguarding",
            title="  Police   called\nto address ",
            details=details,
            analysis="Second call-out in 3 months.",
        ),
    )
    assert item.is_manual and item.source_kind == "manual" and item.source_id is None
    assert item.occurred_on == date(2026, 11, 3)
    assert item.category == "safeguarding"  # matched to the configured spelling
    assert item.title == "Police called to address"
    assert item.details == details  # Markdown kept exactly
    assert item.source_of_information == "Police (PC 1234)"
    assert item.analysis == "Second call-out in 3 months."
    assert (item.version, item.updated_at, item.author_name) == (1, None, "Sam Okafor")
    assert not item.before_current_allocation
    assert item.summary == "Neighbour heard **shouting**."
    with Outside.of(store) as conn:
        allocation_id = conn.execute(
            "SELECT allocation_id FROM chronology_entry WHERE id = ?", (item.id,)
        ).fetchone()[0]
        current = conn.execute(
            "SELECT id FROM allocation WHERE case_id = ? AND ended_on IS NULL", (case.id,)
        ).fetchone()[0]
    assert allocation_id == current
    assert store.chronology.entry(me, item.id) == item
    assert titles(store.chronology.entries(me, case.id)) == [
        "Case allocated to Sam Okafor",
        "Police called to address",
    ]


def test_the_summary_is_the_first_line_cleaned_and_short() -> None:
    def summary(details: str) -> str:
        return ChronologyItem(
            id=1,
            occurred_on=TODAY,
            category="other",
            title="t",
            details=details,
            source_kind="manual",
            source_id=None,
            before_current_allocation=False,
        ).summary

    assert summary("") == ""
    assert summary("\n  \n## Heading\x1b[31m red\x07\tand\nsecond") == "Heading red and"
    long = summary("word " * 60)
    assert len(long) == 120 and long.endswith("…")


BAD_INPUT = [
    ({"occurred_on": ""}, "occurred_on", "Date is required"),
    ({"occurred_on": "someday"}, "occurred_on", 'Not a date: "someday"'),
    ({"occurred_on": "31/2/2026"}, "occurred_on", "There is no 31 February 2026"),
    ({"occurred_on": "24/11/2027"}, "occurred_on", "more than a year ahead"),
    ({"category": ""}, "category", "Category is required. Choose one of: incident, "),
    ({"category": "gossip"}, "category", 'No category "gossip". Choose one of:'),
    ({"category": "allocation"}, "category", 'No category "allocation"'),
    ({"title": "   "}, "title", "Say what happened"),
    ({"title": "x" * 121}, "title", "The title is too long (121 characters; at most 120)"),
    (
        {"details": "x" * (DETAILS_MAX + 1)},
        "details",
        "The details are too long (20,001 characters; at most 20,000)",
    ),
    ({"source_of_information": "y" * 201}, "source_of_information", "at most 200"),
    (
        {"analysis": "z" * (ANALYSIS_MAX + 1)},
        "analysis",
        "The analysis is too long (5,001 characters; at most 5,000)",
    ),
    ({"severity": "high"}, "severity", "Extra inputs are not permitted"),
]


@pytest.mark.parametrize(("fields", "field", "message"), BAD_INPUT)
def test_bad_input_is_refused_by_field(
    store: Store, me: WorkerInfo, case: CaseDetail, fields: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.chronology.add(me, case.id, entry(**fields))
    assert list(caught.value.errors) == [field]
    assert message in caught.value.errors[field]
    assert len(store.chronology.entries(me, case.id)) == 1  # nothing written


def test_limits_are_inclusive_and_a_date_a_year_ahead_is_allowed(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    item = store.chronology.add(
        me,
        case.id,
        entry(
            occurred_on="23/11/2027",
            title="x" * 120,
            details="d" * DETAILS_MAX,
            source_of_information="s" * 200,
            analysis="a" * ANALYSIS_MAX,
        ),
    )
    assert item.occurred_on == date(2027, 11, 23)
    assert (len(item.title), len(item.details), len(item.analysis)) == (120, 20_000, 5_000)


def test_configured_categories_and_month_first_dates(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    item = store.chronology.add(
        me,
        case.id,
        entry(occurred_on="11/3/2026", category="Court"),
        dayfirst=False,
        categories=("court", "other"),
    )
    assert (item.occurred_on, item.category) == (date(2026, 11, 3), "court")
    with pytest.raises(InvalidInput, match="Choose one of: court, other"):
        store.chronology.add(me, case.id, entry(), categories=("court", "other"))


def test_unknown_and_closed_cases_are_refused(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    with pytest.raises(NotFound):
        store.chronology.add(me, 9999, entry())
    item = store.chronology.add(me, case.id, entry())
    with store.database.writing():
        Case.update(status="closed", closed_on=TODAY).where(Case.id == case.id).execute()
    for attempt in (
        lambda: store.chronology.add(me, case.id, entry()),
        lambda: store.chronology.update(me, item.id, {"title": "New"}, version=1),
        lambda: store.chronology.annotate(me, item.id, "Means a lot.", version=1),
    ):
        with pytest.raises(InvalidInput) as caught:
            attempt()
        assert caught.value.errors == {
            "form": f"Case {case.ref} is closed; reopen it to change its chronology."
        }
    assert store.chronology.entry(me, item.id) == item


# --- editing and annotating ------------------------------------------------------------


def test_editing_a_manual_entry_keeps_the_history_of_each_changed_field(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    item = store.chronology.add(me, case.id, entry())
    edited = store.chronology.update(
        other,
        item.id,
        {"occurred_on": "4/11/2026", "title": "Police called: domestic incident", "details": ""},
        version=1,
    )
    assert edited.occurred_on == date(2026, 11, 4)
    assert edited.title == "Police called: domestic incident"
    assert edited.details == ""
    assert edited.source_of_information == "Police (PC 1234)"  # left out: kept
    assert edited.version == 2
    assert edited.updated_at == FROZEN_NOW
    assert edited.author_name == "Sam Okafor"  # who recorded it, not who edited it
    history = store.case_file.history(me, "chronology_entry", item.id)
    assert {(c.field, c.old_value, c.new_value, c.changed_by) for c in history} == {
        ("occurred_on", "2026-11-03", "2026-11-04", "Priya Nair"),
        ("title", "Police called to address", "Police called: domestic incident", "Priya Nair"),
        ("details", "Neighbour heard shouting.\n\nNo arrests.", "", "Priya Nair"),
    }


def test_saving_an_unchanged_form_writes_nothing(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    item = store.chronology.add(me, case.id, entry())
    again = store.chronology.update(me, item.id, entry(category="INCIDENT"), version=1)
    assert again == item
    assert store.case_file.history(me, "chronology_entry", item.id) == []


def test_an_entry_keeps_a_category_no_longer_offered(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    item = store.chronology.add(me, case.id, entry(category="court"), categories=("court", "other"))
    edited = store.chronology.update(me, item.id, {"title": "Hearing"}, version=1)
    assert (edited.category, edited.title) == ("court", "Hearing")
    with pytest.raises(InvalidInput, match='No category "tribunal"'):
        store.chronology.update(me, item.id, {"category": "tribunal"}, version=2)


def test_edit_input_is_validated_like_a_new_entry(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    item = store.chronology.add(me, case.id, entry())
    with pytest.raises(InvalidInput) as caught:
        store.chronology.update(me, item.id, {"title": "", "occurred_on": "x"}, version=1)
    assert set(caught.value.errors) == {"title", "occurred_on"}
    assert store.chronology.entry(me, item.id).version == 1


def test_a_stale_version_is_a_conflict(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    item = store.chronology.add(me, case.id, entry())
    store.chronology.update(me, item.id, {"title": "First edit"}, version=1)
    with pytest.raises(Conflict, match="Sam Okafor changed this chronology entry"):
        store.chronology.update(me, item.id, {"title": "Second edit"}, version=1)
    with pytest.raises(Conflict):
        store.chronology.annotate(me, item.id, "Late analysis", version=1)
    current = store.chronology.entry(me, item.id)
    assert (current.title, current.analysis, current.version) == ("First edit", "", 2)


def test_automatic_entries_cannot_be_edited_but_can_be_annotated(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    [allocation] = store.chronology.entries(me, case.id)
    assert not allocation.is_manual and allocation.source_kind == "allocation"
    with pytest.raises(InvalidInput) as caught:
        store.chronology.update(me, allocation.id, {"title": "Rewritten"}, version=1)
    assert caught.value.errors == {"form": AUTOMATIC_NOT_EDITABLE}

    annotated = store.chronology.annotate(
        other, allocation.id, "Allocated after six weeks on the waiting list.", version=1
    )
    assert annotated.title == allocation.title
    assert annotated.analysis == "Allocated after six weeks on the waiting list."
    assert (annotated.version, annotated.updated_at) == (2, FROZEN_NOW)
    # Re-saving the same analysis changes nothing; clearing it is recorded too.
    assert store.chronology.annotate(other, allocation.id, annotated.analysis, version=2) == (
        annotated
    )
    cleared = store.chronology.annotate(me, allocation.id, "  \n", version=2)
    assert (cleared.analysis, cleared.version) == ("", 3)
    history = store.case_file.history(me, "chronology_entry", allocation.id)
    assert [(c.field, c.old_value, c.new_value, c.changed_by) for c in history] == [
        ("analysis", annotated.analysis, "", "Sam Okafor"),
        ("analysis", "", annotated.analysis, "Priya Nair"),
    ]


def test_annotating_checks_length_and_existence(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    [allocation] = store.chronology.entries(me, case.id)
    with pytest.raises(InvalidInput) as caught:
        store.chronology.annotate(me, allocation.id, "a" * 5001, version=1)
    assert caught.value.errors == {
        "analysis": "The analysis is too long (5,001 characters; at most 5,000)."
    }
    with pytest.raises(NotFound):
        store.chronology.annotate(me, 9999, "x", version=1)
    with pytest.raises(NotFound):
        store.chronology.update(me, 9999, {}, version=1)
    with pytest.raises(NotFound):
        store.chronology.entry(me, 9999)
    with pytest.raises(NotFound):
        store.case_file.history(me, "chronology_entry", 9999)


# --- reading and filtering -------------------------------------------------------------


@pytest.fixture
def filled(store: Store, me: WorkerInfo, case: CaseDetail) -> CaseDetail:
    """A case with manual entries of several categories, dates and texts."""
    for day, category, title, details, reported, analysis in (
        (
            "1/7/2026",
            "education",
            "School exclusion (3 days)",
            "Threw a chair.",
            "School (DSL)",
            "",
        ),
        ("15/7/2026", "health", "Hospital admission", "Fell at home.", "Ward sister", "Third fall"),
        ("1/9/2026", "housing", "Moved to temporary flat", "Keys from the council.", "Client", ""),
        ("2/9/2026", "incident", "Rent 100% paid", "Arrears cleared.", "Housing_officer", ""),
        ("3/10/2026", "health", "GP review", "Medication changed.", "GP", "Explains dizziness"),
    ):
        store.chronology.add(
            me,
            case.id,
            entry(
                occurred_on=day,
                category=category,
                title=title,
                details=details,
                source_of_information=reported,
                analysis=analysis,
            ),
        )
    return case


def test_oldest_first_by_default_and_newest_first_on_request(
    store: Store, me: WorkerInfo, filled: CaseDetail
) -> None:
    oldest = store.chronology.entries(me, filled.id)
    assert [i.occurred_on for i in oldest] == sorted(i.occurred_on for i in oldest)
    assert oldest[0].title == "Case allocated to Sam Okafor"
    newest = store.chronology.entries(me, filled.id, newest_first=True)
    assert newest == oldest[::-1]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"categories": ["health"]}, ["Hospital admission", "GP review"]),
        (
            {"categories": ["health", "housing"]},
            ["Hospital admission", "Moved to temporary flat", "GP review"],
        ),
        ({"categories": []}, None),  # empty means no filter
        ({"categories": "health"}, ["Hospital admission", "GP review"]),
        ({"since": date(2026, 9, 1)}, ["Moved to temporary flat", "Rent 100% paid", "GP review"]),
        (
            {"until": date(2026, 7, 1)},
            ["Case allocated to Sam Okafor", "School exclusion (3 days)"],
        ),
        (
            {"since": date(2026, 7, 15), "until": date(2026, 9, 1)},
            ["Hospital admission", "Moved to temporary flat"],
        ),
        ({"text": "CHAIR"}, ["School exclusion (3 days)"]),  # in details, any case
        ({"text": "school"}, ["School exclusion (3 days)"]),  # title and source
        ({"text": "ward sister"}, ["Hospital admission"]),  # source of information
        ({"text": "dizziness"}, ["GP review"]),  # analysis
        ({"text": "100%"}, ["Rent 100% paid"]),  # % is literal
        ({"text": "%"}, ["Rent 100% paid"]),
        ({"text": "_"}, ["Rent 100% paid"]),  # _ is literal (Housing_officer)
        ({"text": "   "}, None),
        ({"categories": ["health"], "text": "fall"}, ["Hospital admission"]),
        (
            {"categories": ["health"], "since": date(2026, 8, 1), "text": "medication"},
            ["GP review"],
        ),
        ({"categories": ["health"], "since": date(2026, 11, 1)}, []),
        ({"categories": ["legal"]}, []),
    ],
)
def test_filters_and_their_combinations(
    store: Store,
    me: WorkerInfo,
    filled: CaseDetail,
    filters: dict[str, Any],
    expected: list[str] | None,
) -> None:
    everything = titles(store.chronology.entries(me, filled.id))
    assert len(everything) == 6
    assert titles(store.chronology.entries(me, filled.id, **filters)) == (
        everything if expected is None else expected
    )


def test_categories_in_use(store: Store, me: WorkerInfo, filled: CaseDetail) -> None:
    assert store.chronology.categories_in_use(me, filled.id) == [
        "allocation",
        "education",
        "health",
        "housing",
        "incident",
    ]
    with pytest.raises(NotFound):
        store.chronology.categories_in_use(me, 9999)


def _transfer(store: Store, case: CaseDetail, to: WorkerInfo, on: date) -> None:
    """Hand the case to ``to`` from ``on``, as a transfer will (written directly here)."""
    with store.database.writing():
        Allocation.update(ended_on=on).where(
            Allocation.case == case.id, Allocation.ended_on.is_null()
        ).execute()
        allocation = Allocation.create(
            case=case.id, worker=to.id, allocated_on=on, created_by=to.id
        )
        Case.update(worker=to.id, allocated_on=on).where(Case.id == case.id).execute()
        ChronologyEntry.create(
            case=case.id,
            allocation=allocation,
            occurred_on=on,
            category="allocation",
            title=f"Case transferred to {to.display_name}",
            source_kind="transfer",
            source_id=allocation.id,
            created_by=to.id,
        )


def test_entries_before_the_current_allocation_are_marked(
    store: Store, me: WorkerInfo, other: WorkerInfo, filled: CaseDetail, db_path: Path
) -> None:
    assert not any(i.before_current_allocation for i in store.chronology.entries(me, filled.id))
    _transfer(store, filled, other, date(2026, 9, 1))
    items = store.chronology.entries(other, filled.id)
    marked = {i.title: i.before_current_allocation for i in items}
    assert marked == {
        "Case allocated to Sam Okafor": True,
        "School exclusion (3 days)": True,
        "Hospital admission": True,
        "Case transferred to Priya Nair": False,  # the first entry of the current allocation
        "Moved to temporary flat": False,  # the same day
        "Rent 100% paid": False,
        "GP review": False,
    }
    first_current = next(i for i in items if not i.before_current_allocation)
    assert first_current.source_kind == "transfer"
    # Earlier entries keep their own allocation; new ones go under the new one.
    new = store.chronology.add(other, filled.id, entry(occurred_on="1/8/2026"))
    assert new.before_current_allocation
    assert store.chronology.entry(me, new.id).author_name == "Priya Nair"
    with Outside.of(store) as conn:
        allocations = dict(
            conn.execute(
                "SELECT title, allocation_id FROM chronology_entry WHERE case_id = ?", (filled.id,)
            ).fetchall()
        )
    # Entries recorded while Sam held the case stay under Sam's allocation, whatever their date.
    assert allocations["School exclusion (3 days)"] == allocations["GP review"]
    assert allocations["GP review"] != allocations["Case transferred to Priya Nair"]
    assert allocations[new.title] == allocations["Case transferred to Priya Nair"]


def test_a_case_nobody_holds_marks_nothing(
    store: Store, me: WorkerInfo, filled: CaseDetail
) -> None:
    with store.database.writing():
        Allocation.update(ended_on=TODAY).where(Allocation.case == filled.id).execute()
    assert not any(i.before_current_allocation for i in store.chronology.entries(me, filled.id))


def test_two_thousand_entries_take_two_queries_after_the_access_check(
    store: Store, me: WorkerInfo, case: CaseDetail, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = utcnow()
    with store.database.writing():
        ChronologyEntry.insert_many(
            [
                {
                    "case": case.id,
                    "occurred_on": date.fromordinal(TODAY.toordinal() - n % 900),
                    "category": DEFAULT_CATEGORIES[n % len(DEFAULT_CATEGORIES)],
                    "title": f"Event {n}",
                    "details": "Some details. " * 20,
                    "source_kind": "manual",
                    "created_at": now,
                    "created_by": me.id,
                }
                for n in range(2000)
            ]
        ).execute()
    selects: list[str] = []
    real = store.database.db.execute_sql

    def counting(sql: str, *args: Any, **kwargs: Any) -> Any:
        if sql.lstrip().upper().startswith("SELECT"):
            selects.append(sql)
        return real(sql, *args, **kwargs)

    monkeypatch.setattr(store.database.db, "execute_sql", counting)
    items = store.chronology.entries(me, case.id, text="details")
    assert len(items) == 2000 and all(i.author_name == "Sam Okafor" for i in items)
    # The access check reads the case's holder and the worker in one query; then one query
    # for the entries and one for their authors, however many there are (none per entry).
    assert len(selects) == 3
    assert sum("chronology_entry" in sql for sql in selects) == 1, selects


# --- the schema ------------------------------------------------------------------------


def test_a_version_2_database_gains_the_new_columns(db_path: Path) -> None:
    database = Database(db_path)
    database.bind()
    with database.writing() as db:
        migrations.upgrade(db, str(db_path), target=2)
        stamp = "2026-01-05 10:00:00"
        db.execute_sql(
            "INSERT INTO worker (id, username, display_name, role, active, created_at, "
            "updated_at) VALUES (1, 'kept', 'Kept Worker', 'worker', 1, ?, ?)",
            (stamp, stamp),
        )
        db.execute_sql(
            "INSERT INTO client (id, name, name_key, address, phone, created_at, updated_at, "
            "version) VALUES (1, 'Ada Byron', 'ada byron', '', '', ?, ?, 1)",
            (stamp, stamp),
        )
        db.execute_sql(
            'INSERT INTO "case" (id, ref, client_id, status, worker_id, allocated_on, opened_on,'
            " closure_reason, closing_summary, created_at, updated_at, version) VALUES"
            " (1, 'CL-2026-0001', 1, 'open', 1, '2026-01-05', '2026-01-05', '', '', ?, ?, 1)",
            (stamp, stamp),
        )
        db.execute_sql(
            "INSERT INTO chronology_entry (id, case_id, occurred_on, category, title, details,"
            " source_kind, created_at) VALUES (1, 1, '2026-01-07', 'incident', 'Old entry', '',"
            " 'manual', ?)",
            (stamp,),
        )
    database.close()
    store = Store.open(db_path)
    try:
        assert store.schema_version() == migrations.LATEST >= 3
        me = store.workers.ensure("kept")
        old = store.chronology.entry(me, 1)
        assert (old.source_of_information, old.analysis, old.version, old.updated_at) == (
            "",
            "",
            1,
            None,
        )
        edited = store.chronology.update(me, 1, {"analysis": "Now annotated"}, version=1)
        assert (edited.analysis, edited.version) == ("Now annotated", 2)
    finally:
        store.close()


# --- configuration ---------------------------------------------------------------------


def test_categories_are_configurable_and_checked(tmp_path: Path) -> None:
    assert Config().chronology_categories == DEFAULT_CATEGORIES
    assert DEFAULT_CATEGORIES == (
        "incident",
        "safeguarding",
        "health",
        "housing",
        "education",
        "legal",
        "contact",
        "placement",
        "other",
    )
    path = tmp_path / "config.toml"
    path.write_text('chronology_categories = ["court", "  mental   health "]\n')
    assert load_config(path).chronology_categories == ("court", "mental health")
    for bad, message in (
        ("[]", "1 to 30 characters"),
        ('["ok", ""]', "1 to 30 characters"),
        (f'["{"x" * 31}"]', "1 to 30 characters"),
        ('["Court", "court"]', "the same name twice"),
    ):
        path.write_text(f"chronology_categories = {bad}\n")
        with pytest.raises(ConfigError, match=message):
            load_config(path)


# --- periods ---------------------------------------------------------------------------

D = date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, None)),
        ("   ", (None, None)),
        ("since 1/1/2025", (D(2025, 1, 1), None)),
        ("from 1/1/2025", (D(2025, 1, 1), None)),
        ("Since 1 Jan 2025", (D(2025, 1, 1), None)),
        ("after 1/1/2025", (D(2025, 1, 2), None)),
        ("since 6 months ago", (D(2026, 5, 23), None)),
        ("since march 2025", (D(2025, 3, 1), None)),
        ("since 2025", (D(2025, 1, 1), None)),
        ("until 31/3/2025", (None, D(2025, 3, 31))),
        ("before 1/4/2025", (None, D(2025, 3, 31))),
        ("up to 2024", (None, D(2024, 12, 31))),
        ("1/1/2025 to 31/3/2025", (D(2025, 1, 1), D(2025, 3, 31))),
        ("1/1/2025 - 31/3/2025", (D(2025, 1, 1), D(2025, 3, 31))),
        ("1/1/2025 \u2013 31/3/2025", (D(2025, 1, 1), D(2025, 3, 31))),
        ("2025-01-01 to 2025-03-31", (D(2025, 1, 1), D(2025, 3, 31))),
        ("from jan 2025 to march 2025", (D(2025, 1, 1), D(2025, 3, 31))),
        ("between 1/1/2025 and 31/3/2025", (D(2025, 1, 1), D(2025, 3, 31))),
        ("last 6 months", (D(2026, 5, 23), TODAY)),
        ("last 2 weeks", (D(2026, 11, 9), TODAY)),
        ("past 30 days", (D(2026, 10, 24), TODAY)),
        ("last 3m", (D(2026, 8, 23), TODAY)),
        ("last year", (D(2025, 11, 23), TODAY)),
        ("last month", (D(2026, 10, 23), TODAY)),
        ("this year", (D(2026, 1, 1), D(2026, 12, 31))),
        ("this month", (D(2026, 11, 1), D(2026, 11, 30))),
        ("this week", (D(2026, 11, 23), D(2026, 11, 29))),
        ("2025", (D(2025, 1, 1), D(2025, 12, 31))),
        ("in 2025", (D(2025, 1, 1), D(2025, 12, 31))),
        ("march 2025", (D(2025, 3, 1), D(2025, 3, 31))),
        ("Feb 2024", (D(2024, 2, 1), D(2024, 2, 29))),
        ("december", (D(2025, 12, 1), D(2025, 12, 31))),  # the one just gone
        ("3/4/2025", (D(2025, 4, 3), D(2025, 4, 3))),  # a single day
        ("on 3/4/2025", (D(2025, 4, 3), D(2025, 4, 3))),
        ("yesterday", (D(2026, 11, 22), D(2026, 11, 22))),
        ("last monday", (D(2026, 11, 16), D(2026, 11, 16))),  # a day, not a period
    ],
)
def test_parse_period(text: str, expected: tuple[date | None, date | None]) -> None:
    assert parse_period(text) == expected
    assert parse_period(text, today=TODAY) == expected


def test_parse_period_reads_month_first_when_asked() -> None:
    assert parse_period("since 3/4/2025", dayfirst=False) == (D(2025, 3, 4), None)
    assert parse_period("since 3/4/2025", today=D(2020, 1, 1)) == (D(2025, 4, 3), None)
    assert parse_period("last 7 days", today=D(2020, 3, 1)) == (D(2020, 2, 23), D(2020, 3, 1))


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("whenever", ['Not a period: "whenever".', "Try ", '"last 6 months"']),
        ("since someday", ['Not a period: "since someday".', 'Not a date: "someday"']),
        ("since 32/1/2025", ["There is no 32 January 2025", '"since 1/1/2025"']),
        ("13/13/2025", ["There is no month 13"]),
        ("1800", ["Years must be between 1900 and 2200"]),
        ("last 6 parsecs", ['Not a period: "last 6 parsecs".']),
        ("1/1/2025 to", ['Not a period: "1/1/2025 to"']),
        ("31/3/2025 to 1/1/2025", ["ends before it starts", '"31/3/2025 to 1/1/2025"']),
        ("between 2026 and 2025", ["ends before it starts"]),
        ("x" * 80, ['"' + "x" * 39 + '…"']),
    ],
)
def test_parse_period_refusals(text: str, fragments: list[str]) -> None:
    with pytest.raises(DatePeriodError) as caught:
        parse_period(text, today=TODAY)
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message


def test_store_chronology_signature_is_keyword_only(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    with pytest.raises(TypeError):
        store.chronology.entries(me, case.id, ["health"])  # type: ignore[misc]
    assert isinstance(store.chronology.entries(me, case.id)[0].occurred_on, date)
    assert not isinstance(store.chronology.entries(me, case.id)[0].occurred_on, datetime)
