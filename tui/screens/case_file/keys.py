"""The case file's keys, in one table: the footer, the ``?`` help and the command palette all
read them from here, and a user's keymap changes them by id. The plan's own keys are on its
pane (``tui.screens.plan.pane``)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui.screens.case_file.tabs import tab_keys

CASE_FILE_KEYS: list[BindingType] = [
    Binding("escape", "back", "Back", tooltip="Back to the caseload", id="case_file.back"),
    Binding(
        "1",
        "tab('overview')",
        "Overview",
        tooltip="Client, network, professionals",
        show=False,
        id="case_file.overview",
    ),
    Binding(
        "2",
        "tab('summary')",
        "Summary",
        tooltip="The case summary",
        show=False,
        id="case_file.summary",
    ),
    Binding(
        "3",
        "tab('notes')",
        "Notes",
        tooltip="The case notes, newest first",
        show=False,
        id="case_file.notes",
    ),
    Binding(
        "4",
        "tab('chronology')",
        "Chronology",
        tooltip="Significant events in order",
        show=False,
        id="case_file.chronology",
    ),
    Binding(
        "5",
        "tab('plan')",
        "Plan",
        tooltip="The service plan: goals, actions and reviews",
        show=False,
        id="case_file.plan",
    ),
    Binding("n", "new_note", "Note", tooltip="Write a note on this case", id="case_file.note"),
    Binding(
        "M",
        "meetings",
        "Meetings",
        tooltip="Case conferences and professionals meetings, and their actions",
        show=False,
        id="case_file.meetings",
    ),
    Binding(
        "e",
        "edit",
        "Edit",
        tooltip="Edit client details, the summary, or a chronology entry",
        id="case_file.edit",
    ),
    Binding(
        "c",
        "add_contact",
        "Add contact",
        tooltip="Add someone to the support network",
        show=False,
        id="case_file.add_contact",
    ),
    Binding(
        "p",
        "add_professional",
        "Add professional",
        tooltip="Add another agency's worker",
        show=False,
        id="case_file.add_professional",
    ),
    Binding(
        "slash",
        "filter",
        "Filter",
        tooltip="Filter the notes (or, on the chronology, its entries) by text",
        id="case_file.filter",
    ),
    Binding(
        "h",
        "history",
        "History",
        tooltip="Changes to the case, client details, network, professionals, chronology",
        show=False,
        id="case_file.history",
    ),
    Binding(
        "v",
        "summary_versions",
        "Versions",
        tooltip="Every saved version of the case summary",
        show=False,
        id="case_file.summary_versions",
    ),
    Binding(
        "A",
        "audit_history",
        "Audit",
        tooltip="Who opened, changed or exported what in this case (supervisors, managers, "
        "auditors)",
        show=False,
        id="case_file.audit",
    ),
    Binding(
        "a",
        "add_entry",
        "Add",
        tooltip="Add an event to the chronology",
        id="case_file.add_entry",
    ),
    Binding(
        "r",
        "reverse_chronology",
        "Reverse",
        tooltip="Chronology newest or oldest first",
        id="case_file.reverse",
    ),
    Binding(
        "x",
        "export",
        "Export",
        tooltip="Export the chronology (as filtered) to Markdown or HTML",
        id="case_file.export",
    ),
    Binding(
        "H",
        "handover",
        "Handover pack",
        tooltip="Export the handover pack: summary, plan, open actions, chronology, network, "
        "recent notes",
        show=False,
        id="case_file.handover",
    ),
    Binding(
        "t",
        "transfer",
        "Transfer",
        tooltip="Transfer the case to another worker (or allocate a referral)",
        show=False,
        id="case_file.transfer",
    ),
    Binding(
        "C",
        "close_or_reopen",
        "Close/reopen",
        tooltip="Close the case, or reopen a closed one",
        show=False,
        id="case_file.close",
    ),
    Binding(
        "L",
        "restrict",
        "Restrict",
        tooltip="Restrict the case to its worker and named workers, or lift it",
        show=False,
        id="case_file.restrict",
    ),
    Binding("ctrl+r,f5", "reload", "Refresh", show=False, id="case_file.reload"),
    *tab_keys(),
]
