"""The assessment tab with real keys: a new assessment edited with good and bad input and
finalised; a new one from the last; G starting a plan goal prefilled with a domain's needs (and
saying so when there is no plan); two versions compared; the ratings over time; and the write
keys hidden on a closed case."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Select, Static, TextArea

from store.assessments.records import AssessmentDetail
from store.service import Store
from tui.app import CaselineApp
from tui.screens.assessments.compare import CompareScreen
from tui.screens.assessments.forms import AssessmentEditor
from tui.screens.assessments.pane import AssessmentPane
from tui.screens.assessments.ratings import RatingsScreen
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.choice import ChoiceScreen
from tui.screens.confirm import ConfirmScreen
from tui.widgets.date_field import DateInput

from .held import Held
from .helpers import burst, focus, form_shown, loaded, type_text, visible_text
from .waiting import meanwhile, until

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"
CLIENT = "Aisha Bello"  # first on the seeded caseload
HOUSING = 4


def _case_id(store: Store) -> int:
    me = store.workers.ensure(ME)
    return next(r.id for r in store.cases.caseload(me) if r.client_name == CLIENT)


def assessed(db: Path, *ratings: str, plan: bool = False) -> list[AssessmentDetail]:
    """Final assessments of the first case, one per housing rating given, a month apart."""
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        case_id = _case_id(store)
        made = []
        for month, rating in enumerate(ratings, 6):
            draft = store.assessments.start(me, case_id, copy_last=bool(made))
            draft = store.assessments.save_draft(
                me,
                draft.id,
                {
                    "as_at": f"1/{month}/2026",
                    "summary": f"Reviewed in month {month}.",
                    f"d{HOUSING}_needs": f"Rent arrears, month {month}.",
                    f"d{HOUSING}_client_view": "I want to keep the flat.",
                    f"d{HOUSING}_rating": rating,
                },
                version=draft.version,
            )
            made.append(store.assessments.finalise(me, draft.id, version=draft.version))
        if plan:
            store.plans.start(me, case_id, {"started_on": "1/9/2026", "review_interval": "6 weeks"})
        return made
    finally:
        store.close()


def overview(db: Path) -> tuple[AssessmentDetail | None, AssessmentDetail | None]:
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        found = store.assessments.overview(me, _case_id(store))
        return found.current, found.draft
    finally:
        store.close()


def draft_summary(db: Path) -> str | None:
    draft = overview(db)[1]
    return None if draft is None else draft.summary


async def open_assessment(pilot: Pilot[None]) -> AssessmentPane:
    await loaded(pilot)
    await pilot.press("enter")
    await loaded(pilot)
    assert isinstance(pilot.app.screen, CaseFileScreen)
    await pilot.press("6")
    await loaded(pilot)
    pane = pilot.app.screen.query_one(AssessmentPane)
    await until(pilot, lambda: pane.overview is not None)
    return pane


async def editor_open(pilot: Pilot[None]) -> None:
    """Wait for the assessment editor to be shown with its fields (it is on the screen stack
    a moment before they are mounted)."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, AssessmentEditor))
    await until(pilot, lambda: app.screen.query("#summary") and app.screen.query("#as_at"))


def error(app: CaselineApp, field: str) -> str:
    return str(app.screen.query_one(f"#error-{field}", Static).render())


async def test_new_edit_with_bad_then_good_input_and_finalise(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_assessment(pilot)
        assert "No assessment yet" in visible_text(app)
        await pilot.press("N")  # none to copy from: a blank one, straight into its editor
        await editor_open(pilot)
        # Bad input: a day still to come, and a summary with control characters in it.
        await pilot.press("ctrl+u")
        await type_text(pilot, "+2d")
        # (A paste drops escape sequences on the way in; text put there anyway is cleaned too.)
        app.screen.query_one("#summary", TextArea).text = "Living \x1b[31mwith her\x07 mother."
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "still to come" in error(app, "as_at"))
        assert isinstance(app.screen, AssessmentEditor)
        # Good input: today, and housing's needs and rating far down the scrolling form.
        await focus(pilot, "#as_at")
        await pilot.press("ctrl+u")
        await type_text(pilot, "today")
        await focus(pilot, f"#d{HOUSING}_needs")
        await type_text(pilot, "Rent arrears of £400.")
        select = app.screen.query_one(f"#d{HOUSING}_rating", Select)
        select.value = "high need"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await until(pilot, lambda: pane.overview is not None and pane.overview.draft is not None)
        _, draft = overview(seeded_db)
        assert draft is not None and draft.summary == "Living with her mother."
        housing = draft.domain("housing")
        assert housing is not None and housing.rating == "high need"
        await until(pilot, lambda: "Draft assessment" in visible_text(app))
        await pilot.press("F")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await until(pilot, lambda: overview(seeded_db)[0] is not None)
        await until(pilot, lambda: "Current assessment" in visible_text(app))
        assert "● high need" in visible_text(app)


async def half_written(pilot: Pilot[None]) -> AssessmentPane:
    """The assessment tab, a new assessment begun and its summary half written."""
    pane = await open_assessment(pilot)
    await pilot.press("N")
    await editor_open(pilot)
    await pilot.press("tab")
    await type_text(pilot, "Half written")
    return pane


async def editing_from_yesterday(pilot: Pilot[None]) -> None:
    """The draft's editor is open, "yesterday" typed over its date, its summary as kept."""
    await editor_open(pilot)
    app = pilot.app
    await until(pilot, lambda: app.screen.query_one("#as_at", DateInput).value == "yesterday")
    assert app.screen.query_one("#summary", TextArea).text == "Half written"


async def test_escape_keeps_the_draft(make_app: MakeApp, seeded_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await half_written(pilot)
        await pilot.press("escape")  # saves the draft
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await until(pilot, lambda: draft_summary(seeded_db) == "Half written")
        # The tab shows the draft again (read once the editor closed): `e` has one to edit.
        await until(pilot, lambda: pane.overview is not None and pane.overview.draft is not None)
        # `e` and a date typed in the same burst: the date goes into the editor it opened.
        burst(app, "e", "ctrl+u", *"yesterday")
        await editing_from_yesterday(pilot)


async def test_e_as_the_tab_reads_the_draft_just_saved_edits_it(
    make_app: MakeApp, hold: Callable[[Any, str], Held]
) -> None:
    """`e` and a date typed straight after the editor closed, before the tab has read back the
    draft it saved (held up here until the keys have come): `e` is the tab's even so, reads
    the draft in its turn and edits it, and the date goes into that editor."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await half_written(pilot)
        held = hold(app.store.assessments, "overview")
        await pilot.press("escape")  # saves the draft; the tab reads again, held up
        # Read again twice, both held: once the editor closed, and as the case file, back on
        # top, reads the case the draft changed.
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await meanwhile(lambda: held.calls == 2)
        assert pane.overview is not None and pane.overview.draft is None  # not read back yet
        burst(app, "e", "ctrl+u", *"yesterday")
        await meanwhile(lambda: held.calls == 3)  # `e` reads the draft in its turn
        held.release()
        await editing_from_yesterday(pilot)


async def test_new_from_the_last_one(make_app: MakeApp, seeded_db: Path) -> None:
    assessed(seeded_db, "high need")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("N")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("l")
        await editor_open(pilot)
        assert app.screen.query_one("#summary", TextArea).text == "Reviewed in month 6."
        assert app.screen.query_one(f"#d{HOUSING}_rating", Select).value == "high need"


async def test_g_starts_a_plan_goal_prefilled_with_the_need(
    make_app: MakeApp, seeded_db: Path
) -> None:
    assessed(seeded_db, "high need", plan=True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("G")  # one domain with needs: straight to the goal
        screen = await form_shown(pilot)
        assert screen.query_one("#domain", Select).value == "housing"
        assert screen.query_one("#change", TextArea).text == "Rent arrears, month 6."
        assert screen.query_one("#relevance", TextArea).text == "I want to keep the flat."


async def test_g_without_a_plan_says_how_to_start_one(make_app: MakeApp, seeded_db: Path) -> None:
    assessed(seeded_db, "high need")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("G")
        await until(
            pilot, lambda: any("no service plan yet" in str(n.message) for n in app._notifications)
        )
        assert isinstance(app.screen, CaseFileScreen)


async def test_compare_the_latest_with_the_one_before(make_app: MakeApp, seeded_db: Path) -> None:
    first, _, _ = assessed(seeded_db, "high need", "medium need", "low need")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, CompareScreen))
        screen = app.screen
        changes = screen.query_one("#compare-changes", Static)
        await until(pilot, lambda: "housing · Rating" in str(changes.render()))
        shown = str(changes.render())
        assert "medium low need" in shown and "high" not in shown  # medium struck, low put in
        summary = str(screen.query_one("#compare-summary", Static).render())
        assert summary.startswith("4 fields changed")  # as at, summary, housing's needs, rating
        assert "01 Jul 2026 (final)" in visible_text(app)
        assert "01 Aug 2026 (final)" in visible_text(app)
        # The first against the last instead.
        screen.query_one("#older", Select).value = first.id
        await until(pilot, lambda: "high low need" in str(changes.render()))


async def test_the_ratings_over_time(make_app: MakeApp, seeded_db: Path) -> None:
    assessed(seeded_db, "high need", "medium need", "medium need", "high need")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, RatingsScreen))
        table = app.screen.query_one("#ratings-table", Static)
        await until(pilot, lambda: "housing" in str(table.render()))
        housing = next(line for line in str(table.render()).splitlines() if "housing" in line)
        assert housing.split()[1:] == ["●", "◕▼", "◕", "●▲"]
        assert "▲ more need" in str(app.screen.query_one("#ratings-legend", Static).render())


async def test_a_closed_cases_assessment_is_read_only(make_app: MakeApp, seeded_db: Path) -> None:
    assessed(seeded_db, "high need")
    store = Store.open(seeded_db)
    try:
        from store.core.models import Case

        with store.database.writing():
            Case.update(status="closed").where(Case.id == _case_id(store)).execute()
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")  # closed cases on the caseload
        pane = await open_assessment(pilot)
        for action in ("new", "edit", "finalise", "amend", "goal"):
            assert pane.check_action(action, ()) is False, action
        assert pane.check_action("ratings", ()) is True
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, CaseFileScreen)


async def test_a_reader_is_offered_no_write_keys(make_app: MakeApp, seeded_db: Path) -> None:
    assessed(seeded_db, "high need")
    store = Store.open(seeded_db)
    try:
        store.workers.ensure("aud.it", role="auditor", team="North")
    finally:
        store.close()
    app = make_app(worker="aud.it")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")  # all workers' cases
        pane = await open_assessment(pilot)
        assert pane.read_only_reason
        for action in ("new", "edit", "finalise", "amend", "goal"):
            assert pane.check_action(action, ()) is False, action
        assert pane.check_action("ratings", ()) is True
        assert "N starts the next" not in visible_text(app)


def form_draft(db: Path, key: str) -> dict[str, str] | None:
    store = Store.open(db)
    try:
        found = store.forms.draft(store.workers.ensure(ME), key)
        return None if found is None else found[0]
    finally:
        store.close()


async def test_what_is_typed_survives_the_app_ending(make_app: MakeApp, seeded_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("N")
        await editor_open(pilot)
        await focus(pilot, f"#d{HOUSING}_needs")
        await type_text(pilot, "Damp in the bedroom")
        _, draft = overview(seeded_db)
        assert draft is not None
        key = f"assessment:{draft.id}"
        # Kept as typed a moment after the typing stops, without saving the form.
        await until(
            pilot, lambda: (form_draft(seeded_db, key) or {}).get(f"d{HOUSING}_needs") is not None
        )
    # The app ended with the form open, as a crash would leave it; the next e offers it again.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("e")
        await editor_open(pilot)
        needs = app.screen.query_one(f"#d{HOUSING}_needs", TextArea)
        await until(pilot, lambda: needs.text == "Damp in the bedroom")
        # Said as this editor does it: escape saves it, it does not throw it away.
        said = [str(n.message) for n in app._notifications]
        assert any(m.endswith("Escape saves it into the draft assessment.") for m in said)


async def test_a_draft_saved_meanwhile_is_shown_by_domain_and_nothing_typed_is_lost(
    make_app: MakeApp, seeded_db: Path
) -> None:
    from tui.widgets.conflict import ConflictNotice

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("N")
        await editor_open(pilot)
        form = app.screen
        _, draft = overview(seeded_db)
        assert draft is not None
        store = Store.open(seeded_db)
        try:
            priya = store.workers.ensure("priya.nair")
            store.assessments.save_draft(
                priya, draft.id, {f"d{HOUSING}_needs": "Her words."}, version=draft.version
            )
        finally:
            store.close()
        await focus(pilot, "#goals")
        await type_text(pilot, "Keep the flat")
        await pilot.press("ctrl+s")
        notice = form.query_one(ConflictNotice)
        await until(pilot, lambda: notice.has_class("-shown"))
        theirs = notice.query_one("#conflict-theirs", TextArea).text.splitlines()
        assert "housing: Needs: Her words." in theirs
        assert form.query_one("#goals", TextArea).text == "Keep the flat"
        await pilot.press("ctrl+s")  # over hers, having seen it
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
    _, saved = overview(seeded_db)
    assert saved is not None and saved.goals == "Keep the flat"


async def test_x_exports_the_assessment_and_its_history(
    make_app: MakeApp, seeded_db: Path, tmp_path: Path
) -> None:
    from textual.widgets import Input

    from tui.screens.export import ExportScreen

    assessed(seeded_db, "high need", "low need")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        case_file = app.screen
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        await until(pilot, lambda: "Export assessment" in visible_text(app))
        assert Path(dialog.query_one("#export-path", Input).value).name.startswith("assessment-")
        await pilot.press("ctrl+u")
        await type_text(pilot, str(tmp_path / "assessment.md"))
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is case_file)
    text = (tmp_path / "assessment.md").read_text(encoding="utf-8")
    assert text.startswith("# Assessment: ")
    assert "| housing | ● high need | ◔▼ low need |" in text


async def test_e_with_no_draft_does_not_edit_the_client(make_app: MakeApp, seeded_db: Path) -> None:
    assessed(seeded_db, "high need")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("e")  # the case file's e edits the client, but not on this tab
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)


def test_what_was_taken_out_and_put_in_read_apart_without_styles() -> None:
    from store.assessments.rules import compare_field
    from tui.screens.assessments.compare import field_content

    change = compare_field("", "As at", "03 Sep 2025", "20 Apr 2026")
    assert "03 Sep 2025 20 Apr 2026" in field_content(change).plain
    change = compare_field("housing", "Needs", "Rent arrears", "Rent paid")
    assert "Rent arrears paid" in field_content(change).plain
