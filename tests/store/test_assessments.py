"""Assessments over time: drafts saved against their version, finalised ones the database
keeps as they were (sealed, so an edit made with sqlite3 shows), amendments, a new draft copied
from the last, two versions compared word by word, the ratings over time, the configuration
changing without rewriting history, a closed case's read-only, and bad input refused."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from store.assessments.records import AssessmentDetail
from store.assessments.rules import word_diff
from store.cases.records import CaseDetail
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import WorkerInfo
from store.common.settings import ASSESSMENT_DOMAINS, ASSESSMENT_SCALE
from store.core.models import AuditEvent
from store.integrity.records import ProblemKind
from store.service import Store
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]
HOUSING = ASSESSMENT_DOMAINS.index("housing") + 1  # its position in a new assessment


def position(detail: AssessmentDetail, name: str) -> int:
    found = detail.domain(name)
    assert found is not None
    return found.position


def written(
    store: Store,
    me: WorkerInfo,
    case_id: int,
    *,
    copy_last: bool = False,
    final: bool = True,
    **fields: str,
) -> AssessmentDetail:
    """A draft started, saved with ``fields`` (housing rated high by default), finalised."""
    draft = store.assessments.start(me, case_id, copy_last=copy_last)
    values: dict[str, Any] = {
        "as_at": "1/11/2026",
        "summary": "Living with her mother; **rent arrears** of £400.",
        "goals": "- Keep the flat\n- Go back to college",
        f"d{HOUSING}_strengths": "Pays the rent on time since October.",
        f"d{HOUSING}_needs": "Arrears of £400 and an eviction notice.",
        f"d{HOUSING}_client_view": "I just want somewhere safe for the kids.",
        f"d{HOUSING}_rating": "high need",
        **fields,
    }
    saved = store.assessments.save_draft(me, draft.id, values, version=draft.version)
    if not final:
        return saved
    return store.assessments.finalise(me, saved.id, version=saved.version)


# --- drafts and versions --------------------------------------------------------------------


def test_a_new_draft_has_every_configured_domain_and_saves_what_was_typed(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    saved = written(store, me, case.id, final=False)
    assert saved.status == "draft"
    assert [d.name for d in saved.domains] == list(ASSESSMENT_DOMAINS)
    assert [d.rating for d in saved.domains if d.rating] == ["high need"]
    assert saved.version == 2
    housing = saved.domain("housing")
    assert housing is not None
    assert (housing.needs, housing.rating) == (
        "Arrears of £400 and an eviction notice.",
        "high need",
    )
    assert str(saved.as_at) == "2026-11-01"
    overview = store.assessments.overview(me, case.id)
    assert overview.current is None
    assert overview.draft is not None and overview.draft.id == saved.id


def test_one_draft_at_a_time(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    case = make_case()
    store.assessments.start(me, case.id)
    with pytest.raises(InvalidInput, match=r"draft assessment .* under way"):
        store.assessments.start(me, case.id)


def test_a_save_over_someone_elses_is_refused_with_theirs(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    draft = store.assessments.start(me, case.id)
    store.assessments.save_draft(other, draft.id, {"summary": "Theirs."}, version=draft.version)
    with pytest.raises(Conflict) as refused:
        store.assessments.save_draft(me, draft.id, {"summary": "Mine."}, version=draft.version)
    assert refused.value.changed_by == other.display_name
    assert refused.value.current["summary"] == "Theirs."
    assert refused.value.version == draft.version + 1
    # Having seen theirs, saving over it on purpose works.
    mine = store.assessments.save_draft(
        me, draft.id, {"summary": "Mine."}, version=refused.value.version
    )
    assert (mine.summary, mine.updated_by_name) == ("Mine.", me.display_name)


def test_finalising_needs_a_summary_and_a_rating(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    draft = store.assessments.start(me, case.id)
    with pytest.raises(InvalidInput) as refused:
        store.assessments.finalise(me, draft.id, version=draft.version)
    assert set(refused.value.errors) == {"summary", "form"}
    store.assessments.discard(me, draft.id)
    final = written(store, me, case.id)
    assert final.is_final and final.finalised_at is not None
    overview = store.assessments.overview(me, case.id)
    assert overview.current is not None and overview.current.id == final.id
    assert overview.draft is None
    with store.database.reading():
        events = AuditEvent.select().where(AuditEvent.record_kind == "assessment")
        actions = [e.action for e in events]
    assert "assessment-finalised" in actions and "assessment-saved" in actions


def test_the_latest_final_is_current(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    case = make_case()
    first = written(store, me, case.id, as_at="1/6/2026")
    second = written(store, me, case.id, copy_last=True, as_at="1/11/2026")
    overview = store.assessments.overview(me, case.id)
    assert overview.current is not None and overview.current.id == second.id
    assert [v.id for v in overview.finals] == [second.id, first.id]


# --- final is final -------------------------------------------------------------------------


def test_a_final_assessment_is_never_changed(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    final = written(store, me, case.id)
    with pytest.raises(Conflict, match="finalised"):
        store.assessments.save_draft(me, final.id, {"summary": "Rewritten"}, version=final.version)
    with pytest.raises(NotFound):
        store.assessments.discard(me, final.id)
    with Outside.of(store) as conn:
        for sql in (
            "UPDATE assessment SET summary = 'forged'",
            "DELETE FROM assessment",
            "UPDATE assessment_domain SET rating = 'no need'",
            "DELETE FROM assessment_domain",
        ):
            with pytest.raises(conn.refused, match="finalised assessment is a record"):
                conn.execute(sql)
    assert store.integrity.verify().problems == ()


# SQLite's DROP TRIGGER; tests/store/test_seal_chain.py does the same on both databases.
@pytest.mark.sqlite_only
def test_an_edit_behind_the_triggers_back_shows_in_verify(
    store: Store, me: WorkerInfo, make_case: MakeCase, db_path: Path
) -> None:
    case = make_case()
    final = written(store, me, case.id)
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("DROP TRIGGER assessment_domain_final_no_update")
        conn.execute("UPDATE assessment_domain SET rating = 'no need' WHERE domain = 'housing'")
    finally:
        conn.close()
    kinds = {(p.kind, p.table) for p in store.integrity.verify().problems}
    assert (ProblemKind.ALTERED, "assessment_domain") in kinds
    assert (ProblemKind.TRIGGER_MISSING, "assessment_domain_final_no_update") in kinds
    assert final.id


def test_a_draft_is_not_a_record(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    case = make_case()
    draft = written(store, me, case.id, final=False)
    store.assessments.discard(me, draft.id)
    assert store.assessments.overview(me, case.id).versions == ()


def test_an_amendment_is_kept_beside_the_assessment(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    final = written(store, me, case.id)
    amended = store.assessments.amend(
        me, final.id, reason="Wrong figure", body="The arrears are £450."
    )
    assert [(a.reason, a.body) for a in amended.amendments] == [
        ("Wrong figure", "The arrears are £450.")
    ]
    assert amended.summary == final.summary
    with pytest.raises(InvalidInput) as refused:
        store.assessments.amend(me, final.id, reason=" ", body="\x1b[31m")
    assert set(refused.value.errors) == {"reason", "body"}
    draft = store.assessments.start(me, case.id)
    with pytest.raises(InvalidInput, match="only finalised"):
        store.assessments.amend(me, draft.id, reason="Why", body="What")


# --- a new one from the last -----------------------------------------------------------------


def test_a_new_draft_copies_the_last_final(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    with pytest.raises(InvalidInput, match="no finalised assessment to copy"):
        store.assessments.start(me, case.id, copy_last=True)
    first = written(store, me, case.id)
    copy = store.assessments.start(me, case.id, copy_last=True)
    assert copy.copied_from == first.id
    assert (copy.summary, copy.goals) == (first.summary, first.goals)
    assert copy.domain("housing") == first.domain("housing")
    assert copy.status == "draft" and copy.id != first.id


def test_a_changed_configuration_never_rewrites_history(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    first = written(store, me, case.id)
    domains = ("housing", "money")
    scale = ("none", "some", "a lot")
    copy = store.assessments.start(me, case.id, copy_last=True, domains=domains, scale=scale)
    # Only the configured domains; a rating no longer on the scale is cleared.
    assert [d.name for d in copy.domains] == ["housing", "money"]
    housing = copy.domain("housing")
    assert housing is not None and housing.rating == "" and housing.needs
    kept = store.assessments.get(me, first.id)
    assert [d.name for d in kept.domains] == list(ASSESSMENT_DOMAINS)
    assert kept.domain("housing") == first.domain("housing")
    table = store.assessments.ratings(me, case.id, scale=scale, domains=domains)
    by_name = {row.domain: row for row in table.rows}
    # The old rating is shown as written, with no place on the new scale.
    assert by_name["housing"].cells[0].rating == "high need"
    assert by_name["housing"].cells[0].level is None


# --- comparing ---------------------------------------------------------------------------------


def test_two_versions_compared_field_by_field(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    first = written(store, me, case.id, as_at="1/6/2026", d1_needs="Diabetes check due.")
    second = written(
        store,
        me,
        case.id,
        copy_last=True,
        as_at="1/11/2026",
        summary="Living alone now; **rent arrears** of £400.",
        d1_needs="",
        d2_strengths="Sees her counsellor weekly.",
    )
    # Either order: the earlier as-at is the older.
    comparison = store.assessments.compare(me, second.id, first.id)
    assert (comparison.older.id, comparison.newer.id) == (first.id, second.id)
    kinds = {(c.domain, c.field): c.kind for c in comparison.changes}
    assert kinds[("", "As at")] == "changed"
    assert kinds[("", "Summary")] == "changed"
    assert kinds[("", "The client's goals")] == "unchanged"
    assert kinds[("physical health and medication", "Needs or concerns")] == "removed"
    assert kinds[("mental health and coping", "Strengths")] == "added"
    assert kinds[("housing", "Rating")] == "unchanged"
    summary = next(c for c in comparison.changed if c.field == "Summary")
    assert [(w.op, w.text) for w in summary.words if w.op != "equal"] == [
        ("delete", "with her mother; "),
        ("insert", "alone now; "),
    ]


def test_the_word_diff_keeps_every_word() -> None:
    runs = word_diff("a b c d", "a x c d e")
    assert "".join(r.text for r in runs if r.op != "insert") == "a b c d"
    assert "".join(r.text for r in runs if r.op != "delete") == "a x c d e"


def test_versions_of_two_cases_are_not_compared(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    one, two = written(store, me, make_case().id), written(store, me, make_case().id)
    with pytest.raises(NotFound):
        store.assessments.compare(me, one.id, two.id)


# --- ratings over time -------------------------------------------------------------------------


def test_the_ratings_over_time(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    case = make_case()
    written(store, me, case.id, as_at="1/3/2026", d2_rating="medium need")
    written(
        store,
        me,
        case.id,
        copy_last=True,
        as_at="1/6/2026",
        d2_rating="high need",
        d4_rating="medium need",
    )
    written(store, me, case.id, copy_last=True, as_at="1/11/2026", d4_rating="low need")
    store.assessments.start(me, case.id, copy_last=True)  # a draft: not a column
    table = store.assessments.ratings(me, case.id)
    assert [str(c.as_at) for c in table.columns] == ["2026-03-01", "2026-06-01", "2026-11-01"]
    assert table.scale == ASSESSMENT_SCALE
    rows = {row.domain: row for row in table.rows}
    assert [row.domain for row in table.rows] == list(ASSESSMENT_DOMAINS)
    mental = rows["mental health and coping"].cells
    assert [(c.rating, c.trend) for c in mental] == [
        ("medium need", ""),
        ("high need", "worse"),
        ("high need", "same"),
    ]
    housing = rows["housing"].cells
    assert [(c.rating, c.level, c.trend) for c in housing] == [
        ("high need", 3, ""),
        ("medium need", 2, "better"),
        ("low need", 1, "better"),
    ]
    assert [c.rating for c in rows["legal"].cells] == ["", "", ""]


# --- closed cases and bad input ----------------------------------------------------------------


def test_a_closed_cases_assessments_are_read_only(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    final = written(store, me, case.id)
    draft = store.assessments.start(me, case.id, copy_last=True)
    with store.database.writing():
        from store.core.models import Case

        Case.update(status="closed").where(Case.id == case.id).execute()
    for call in (
        lambda: store.assessments.start(me, case.id),
        lambda: store.assessments.save_draft(me, draft.id, {"summary": "x"}, version=1),
        lambda: store.assessments.finalise(me, draft.id, version=draft.version),
        lambda: store.assessments.amend(me, final.id, reason="r", body="b"),
        lambda: store.assessments.discard(me, draft.id),
    ):
        with pytest.raises(InvalidInput, match="is closed; reopen it"):
            call()
    assert store.assessments.overview(me, case.id).closed


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("as_at", "31/2/2026", ""),
        ("as_at", "+3d", "still to come"),
        ("as_at", "tomorrow", "still to come"),
        ("summary", "x" * 20_001, "too long"),
        (f"d{HOUSING}_needs", "y" * 5_001, "too long"),
        (f"d{HOUSING}_rating", "desperate", 'No rating "desperate"'),
    ],
)
def test_bad_input_is_refused_at_its_field(
    store: Store, me: WorkerInfo, make_case: MakeCase, field: str, value: str, message: str
) -> None:
    case = make_case()
    draft = store.assessments.start(me, case.id)
    with pytest.raises(InvalidInput) as refused:
        store.assessments.save_draft(me, draft.id, {field: value}, version=draft.version)
    assert list(refused.value.errors) == [field]
    assert message in refused.value.errors[field]
    assert store.assessments.get(me, draft.id).version == draft.version  # nothing saved


def test_control_characters_and_blanks_are_cleaned(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    draft = store.assessments.start(me, case.id)
    saved = store.assessments.save_draft(
        me,
        draft.id,
        {
            "as_at": "",
            "summary": "  Safe\x1b[2J\x07 now.\r\nSecond line.  ",
            f"d{HOUSING}_rating": "  HIGH   need ",
        },
        version=draft.version,
    )
    assert saved.summary == "Safe now.\nSecond line."
    assert str(saved.as_at) == "2026-11-23"  # blank: today
    housing = saved.domain("housing")
    assert housing is not None and housing.rating == "high need"
