"""Restricted cases on screen: a colleague's restricted case shows in the list without a name
and is refused with whom to ask; one you were named for asks why before it opens (escape: not
opened); its worker restricts it with L."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from store.cases.detail import RESTRICTED_NAME
from store.core.models import AuditEvent
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.restriction import REASON_TITLE
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.form import FormScreen

from .helpers import form_shown, loaded, names, table, title, type_text
from .waiting import until


def restrict_priyas_case(db: Path, named: str = "") -> str:
    """Restrict priya.nair's first case (to her, and ``named``); its reference."""
    store = Store.open(db)
    try:
        priya = store.workers.named("priya.nair")
        case = store.cases.caseload(priya)[0]
        version = store.cases.get(priya, case.id).version
        store.cases.restrict(
            priya,
            case.id,
            {"restricted": "yes", "named": named, "reason": "A colleague's relative"},
            version=version,
        )
        return case.ref
    finally:
        store.close()


def messages(app: CaselineApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def show_all_and_go_to(app: CaselineApp, pilot: object, ref: str) -> None:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("w")  # type: ignore[attr-defined]
    await until(pilot, lambda: "All workers'" in title(app))  # type: ignore[arg-type]
    await loaded(pilot)  # type: ignore[arg-type]
    row = next(i for i, r in enumerate(table(app).rows) if r.ref == ref)
    await pilot.press(*["down"] * row)  # type: ignore[attr-defined]


async def test_a_restricted_case_shows_no_name_and_is_refused_with_whom_to_ask(
    seeded_db: Path,
) -> None:
    ref = restrict_priyas_case(seeded_db)
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await show_all_and_go_to(app, pilot, ref)
        [row] = [r for r in table(app).rows if r.ref == ref]
        assert row.client_name == RESTRICTED_NAME
        await pilot.press("enter")
        await until(pilot, lambda: any("ask Priya Nair, who holds it" in m for m in messages(app)))
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        # Filtering by a name finds no restricted client; by the reference it does.
        await pilot.press("slash", *ref)
        await until(pilot, lambda: names(app) == [RESTRICTED_NAME])


async def test_a_named_worker_says_why_before_it_opens_and_the_reason_is_audited(
    seeded_db: Path,
) -> None:
    ref = restrict_priyas_case(seeded_db, named="sam.okafor")
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await show_all_and_go_to(app, pilot, ref)
        await pilot.press("enter")
        await form_shown(pilot)
        assert REASON_TITLE in str(app.screen.query_one(".title", Static).render())
        await pilot.press("escape")  # not said: not opened
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await loaded(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+s")  # blank: asked again, at the field
        await until(
            pilot, lambda: "Say why" in str(app.screen.query_one("#error-reason", Static).render())
        )
        await type_text(pilot, "Duty call from the school")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        screen = app.screen
        await until(pilot, lambda: screen.file is not None)  # type: ignore[attr-defined]
        assert "restricted" in str(screen.query_one("#case-status", Static).render())
    store = Store.open(seeded_db)
    try:
        with store.database.reading():
            said = [
                e.detail
                for e in AuditEvent.select().where(
                    (AuditEvent.action == "case-file-opened") & (AuditEvent.login == "sam.okafor")
                )
            ]
    finally:
        store.close()
    assert said == ["reason: Duty call from the school"]


async def test_its_worker_restricts_a_case_with_l(seeded_db: Path) -> None:
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        screen = app.screen
        await until(pilot, lambda: screen.file is not None)  # type: ignore[attr-defined]
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+s")  # "no" to start with: nothing to say
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("L")
        form = await form_shown(pilot)
        form.query_one("#restricted").value = "yes"  # type: ignore[attr-defined]
        form.query_one("#named").focus()
        await pilot.pause()
        await type_text(pilot, "priya.nair")
        form.query_one("#reason").focus()
        await pilot.pause()
        await type_text(pilot, "Known to the family")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        await until(
            pilot, lambda: "restricted" in str(screen.query_one("#case-status", Static).render())
        )


async def test_restricting_a_case_one_is_not_named_for_closes_it(seeded_db: Path) -> None:
    """A manager restricts a colleague's case for her (a relative of his own, say): once saved,
    he may not open it, and the case file says so and closes."""
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        await until(pilot, lambda: "All workers'" in title(app))
        await loaded(pilot)
        row = next(i for i, r in enumerate(table(app).rows) if r.worker_name == "Priya Nair")
        await pilot.press(*["down"] * row, "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        screen = app.screen
        await until(pilot, lambda: screen.file is not None)  # type: ignore[attr-defined]
        await pilot.press("L")
        form = await form_shown(pilot)
        form.query_one("#restricted").value = "yes"  # type: ignore[attr-defined]
        form.query_one("#reason").focus()
        await pilot.pause()
        await type_text(pilot, "My own relative")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        # Said as the case file closes, which may come a moment after the caseload is shown.
        await until(
            pilot, lambda: any("restricted to the workers named" in m for m in messages(app))
        )
