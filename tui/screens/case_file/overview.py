"""The case file's overview tab: who the client is, where the case stands, the support network,
the professionals involved and the start of the summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static, TabbedContent
from textual.widgets.option_list import Option

from store.common import dates
from tui.text import assemble
from tui.widgets.lists import InOrderOptionList, refill
from tui.widgets.markdown import SafeMarkdown

if TYPE_CHECKING:
    from textual.screen import Screen

    from store.case_file.records import CaseFile


def overview_content(chosen: Callable[[Option], object]) -> list[Widget]:
    """The overview tab's widgets, unmounted; ``chosen`` edits the person `enter` chose."""
    return [
        VerticalScroll(
            Static(id="client-details", classes="block"),
            Static(id="case-details", classes="block"),
            Static("Support network  (c add · enter edit)", classes="heading"),
            InOrderOptionList(id="contacts", classes="people", chosen=chosen),
            Static("Professionals involved  (p add · enter edit)", classes="heading"),
            InOrderOptionList(id="professionals", classes="people", chosen=chosen),
            Static("Case summary  (2 to read · e there to edit)", classes="heading"),
            SafeMarkdown(id="overview-summary"),
            id="overview-scroll",
        )
    ]


def show_overview(
    screen: Screen[Any],
    loaded: CaseFile,
    summary_age: str,
    *,
    contact: int | None,
    professional: int | None,
) -> None:
    """Fill the overview from ``loaded``; ``contact`` or ``professional``: the id of one just
    added, highlighted (and focused, if the overview is on show)."""
    client, detail = loaded.client, loaded.detail
    dob = "not recorded"
    if client.date_of_birth is not None:
        age = dates.age_in_years(client.date_of_birth)
        dob = f"{dates.format_date(client.date_of_birth)} (age {age})"
    screen.query_one("#client-details", Static).update(
        _fields(
            ("Client", client.name),
            ("Born", dob),
            ("Address", client.address or "not recorded"),
            ("Phone", client.phone or "not recorded"),
            ("Language", client.language or "not recorded"),
            ("Identifiers", client.identifiers or "none recorded"),
        )
    )
    held = detail.worker_name or "unallocated"
    if detail.allocated_on:
        held += f" since {dates.format_date(detail.allocated_on)}"
    last = dates.relative_age(
        dates.to_local(detail.last_contact_at) if detail.last_contact_at else None
    )
    lines = [
        ("Worker", held),
        ("Opened", dates.format_date(detail.opened_on)),
        ("Last contact", last),
    ]
    if detail.closed_on is not None:
        reason = f" · {detail.closure_reason}" if detail.closure_reason else ""
        lines.append(("Closed", dates.format_date(detail.closed_on) + reason))
    else:
        review = dates.format_date(detail.next_review_on) or (
            "no date set" if detail.has_plan else "no plan yet: press 5, then N to start one"
        )
        if detail.next_review_on is not None and detail.next_review_on < dates.today():
            review += " — overdue"
        lines.append(("Next review", review))
    lines.append(("Summary", summary_age))
    screen.query_one("#case-details", Static).update(_fields(*lines))

    contacts = [
        Option(
            assemble(
                (c.name, "bold"),
                f" ({c.relationship})" if c.relationship else "",
                f"  {c.phone}" if c.phone else "",
                (f"  {c.address}" if c.address else "", "dim"),
                (f"  {c.notes}" if c.notes else "", "dim"),
            ),
            id=f"contact-{c.id}",
        )
        for c in loaded.contacts
    ] or [Option("No one recorded yet: press c to add.", disabled=True)]
    refill(
        screen.query_one("#contacts", OptionList),
        contacts,
        select=f"contact-{contact}" if contact is not None else None,
    )

    people = []
    for pro in loaded.professionals:
        ended = pro.ended_on is not None and pro.ended_on <= dates.today()
        role = ", ".join(p for p in (pro.role, pro.agency) if p)
        since = f"  from {dates.format_date(pro.started_on)}" if pro.started_on else ""
        until = f"  until {dates.format_date(pro.ended_on)}" if pro.ended_on else ""
        people.append(
            Option(
                assemble(
                    (pro.name, "dim" if ended else "bold"),
                    f" · {role}" if role else "",
                    f"  {pro.phone}" if pro.phone else "",
                    f"  {pro.email}" if pro.email else "",
                    (since + until, "dim"),
                ),
                id=f"professional-{pro.id}",
            )
        )
    refill(
        screen.query_one("#professionals", OptionList),
        people or [Option("No professionals recorded yet: press p to add.", disabled=True)],
        select=f"professional-{professional}" if professional is not None else None,
    )
    if screen.query_one("#tabs", TabbedContent).active == "overview":
        if contact is not None:
            screen.query_one("#contacts", OptionList).focus()
        elif professional is not None:
            screen.query_one("#professionals", OptionList).focus()
    screen.query_one("#overview-summary", SafeMarkdown).show(
        loaded.summary.body if loaded.summary else "*No summary yet.*"
    )


def _fields(*pairs: tuple[str, str]) -> Content:
    """Label/value lines; the values are user text, so they go in literally."""
    return Content("\n").join(assemble((f"{label:<13}", "dim"), value) for label, value in pairs)
