"""The case file's tabs after the first five, and the screens its keys open for one case.

Each area that joins the case file adds one line here and keeps everything else at home: a
tab is a ``CasePane`` (in its area's package under ``tui/screens/``) that reads its own
records with one store call, holds its own keys, and is told each time the case is read again
(``case_shown``); a screen for one case takes ``(case_id, case_label)``. Both are named as
"module:Class" and imported when first opened, so start-up loads none of them.

A case file opened on a record (search's ``enter``: ``CaseFileScreen(case_id, tab,
select=(kind, record_id))``) hands it to its tab once the case is read (``select_found``):
the tab's pane highlights it when its own records are shown (``select_record``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

    from store.case_file.records import CaseFile
    from tui.host import CaselineHost


@dataclass(frozen=True)
class CaseTab:
    """A tab of the case file built by its own area."""

    id: str  # the TabPane's id, and the pane's tab name
    key: str  # the key that shows it ("6")
    label: str  # the tab's title, with its key first ("6 Assessment")
    tooltip: str
    pane: str  # "module:Class" of the CasePane
    focus: str  # a selector of what has the focus when the tab is shown


@dataclass(frozen=True)
class CaseScreen:
    """A screen about one case opened by a key from the case file (like the meetings)."""

    id: str
    key: str
    description: str
    tooltip: str
    screen: str  # "module:Class", made with (case_id, case_label)


# In the order they are shown. Keys 1-5 are the case file's own.
EXTRA_TABS: tuple[CaseTab, ...] = (
    CaseTab(
        "assessment",
        "6",
        "6 Assessment",
        "The current assessment, its versions and the ratings over time",
        "tui.screens.assessments.pane:AssessmentPane",
        "#assessment-pane",
    ),
    CaseTab(
        "referrals",
        "7",
        "7 Referrals",
        "Referrals out of the case, chased until answered, and how it came in",
        "tui.screens.referrals.pane:ReferralsPane",
        "#referrals-list",
    ),
)

CASE_SCREENS: tuple[CaseScreen, ...] = (
    CaseScreen(
        "consent",
        "I",
        "Consent and sharing",
        "The case's consents to share information, and what was shared with whom",
        "tui.screens.consent.screen:ConsentScreen",
    ),
    CaseScreen(
        "tasks",
        "K",
        "Tasks",
        "The case's tasks: added, done with a note, moved with a reason",
        "tui.screens.today.tasks:TasksScreen",
    ),
)


def load(name: str) -> Any:
    """The class named "module:Class"."""
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)


def case_screen(name: str) -> Any:
    """The class of the screen about one case registered as ``name`` in CASE_SCREENS."""
    return load(next(s for s in CASE_SCREENS if s.id == name).screen)


def tab_keys() -> list[BindingType]:
    """The keys that show the extra tabs and open the case screens."""
    keys: list[BindingType] = [
        Binding(
            tab.key,
            f"tab('{tab.id}')",
            tab.label.partition(" ")[2],
            tooltip=tab.tooltip,
            show=False,
            id=f"case_file.{tab.id}",
        )
        for tab in EXTRA_TABS
    ]
    keys += [
        Binding(
            screen.key,
            f"case_screen('{screen.id}')",
            screen.description,
            tooltip=screen.tooltip,
            show=False,
            id=f"case_file.{screen.id}",
        )
        for screen in CASE_SCREENS
    ]
    return keys


def select_found(
    screen: Screen[Any], tab: str, loaded: CaseFile, kind: str, record_id: int
) -> None:
    """Highlight on ``tab`` the record of ``kind`` (a search result's kind: "plan goal",
    "assessment", ...) whose id is ``record_id``, or say calmly that it is no longer there."""
    if tab == "summary":
        from tui.screens.case_file.summary import select_summary

        select_summary(screen, loaded, record_id)
        return
    for pane in screen.query(f"#{tab}-pane"):
        select = getattr(pane, "select_record", None)
        if select is not None:
            select(kind, record_id)


class CasePane(Widget):
    """A case-file tab that reads its own records.

    ``case_shown`` is called once the tab is built and each time the case is read again (on
    opening, on coming back from another screen, when a colleague changed something); it keeps
    what the case file knows (read only, closed) and calls ``reload``, which reads this tab's
    records in a worker (``tui.workers.run_store``) and shows them.
    """

    DEFAULT_CSS = """
    CasePane {
        height: 1fr;
    }
    """

    def __init__(self, case_id: int, case_label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.case_id = case_id
        self.case_label = case_label
        self.file: CaseFile | None = None

    @property
    def caseline(self) -> CaselineHost:
        return self.app  # type: ignore[return-value]

    @property
    def read_only_reason(self) -> str:
        """Why this worker may only read the case ("" if they may change it): the rules."""
        return self.file.read_only if self.file is not None else ""

    @property
    def closed(self) -> bool:
        return self.file is not None and self.file.detail.status.value == "closed"

    def case_shown(self, file: CaseFile) -> None:
        self.file = file
        detail = file.detail
        self.case_label = f"{detail.ref} · {detail.client_name}"
        self.reload()

    def reload(self) -> None:
        """Read this tab's records again and show them."""
        raise NotImplementedError

    def select_record(self, kind: str, record_id: int) -> None:
        """Highlight this record (of a search result's ``kind``) once the tab's records are
        shown, scrolled into view; say so if it is no longer there. A tab whose records can't
        be told apart on it does nothing."""
