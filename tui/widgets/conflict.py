"""Someone else saved first: the one place a refused save is explained.

Forms, the summary editor and the minutes editor each hold one ConflictNotice beneath what is
being typed. When the store refuses a save because the record moved on (Conflict), the notice
says whose change came first and when, shows what the record says now in a read-only text
area (tab to it, select with shift and the arrows, ctrl+c copies), and says that the person's
own text is untouched and that ctrl+s again saves it over the version shown.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from store.common.errors import Conflict
from tui.text import assemble
from tui.widgets.safe_text_area import SafeTextArea


def conflict_text(conflict: Conflict, labels: Mapping[str, str] | None = None) -> str:
    """What the record says now, as text to read and copy from.

    One field (a summary, minutes as a document) is shown as it is; several are shown one a
    line as "Label: value", in the order of ``labels`` (a field's name to its label) and then
    any others, the lines of a longer value indented beneath it.
    """
    current = conflict.current
    if len(current) == 1 and not labels:
        return next(iter(current.values()))
    # The form's fields first, in its order; then anything else the record says.
    names = [n for n in (labels or {}) if n in current]
    names += [n for n in current if n not in names]
    lines: list[str] = []
    for name in names:
        label = (labels or {}).get(name) or name.replace("_", " ").capitalize()
        first, *rest = current[name].split("\n") or [""]
        lines.append(f"{label}: {first}")
        lines.extend(f"    {line}" for line in rest)
    return "\n".join(lines)


class ConflictNotice(Vertical):
    """Whose version was saved first, and what it says; hidden until a save is refused."""

    DEFAULT_CSS = """
    ConflictNotice {
        display: none;
        height: auto;
        max-height: 12;
        margin: 0 1;
        padding: 0 1;
        border: round $error;
        border-title-color: $text-error;
    }
    ConflictNotice.-shown { display: block; }
    ConflictNotice #conflict-message { height: auto; }
    ConflictNotice #conflict-theirs { height: auto; max-height: 8; }
    """

    def __init__(self, *, id: str | None = "conflict") -> None:
        super().__init__(id=id)
        self.border_title = "Saved by someone else"
        self.conflict: Conflict | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="conflict-message")
        yield SafeTextArea(
            "", id="conflict-theirs", read_only=True, soft_wrap=True, tab_behavior="focus"
        )

    def show(
        self,
        conflict: Conflict,
        labels: Mapping[str, str] | None = None,
        *,
        found_by_autosave: bool = False,
    ) -> None:
        """Explain ``conflict`` and show the other person's version.

        ``found_by_autosave``: the refusal came from an autosave, not from ctrl+s, so it is
        ctrl+s twice (once to see this in answer, once to save) that saves over theirs.
        """
        self.conflict = conflict
        if conflict.version is not None and found_by_autosave:
            then = (
                "Their version is below; your page is kept as typed and is never saved over "
                "theirs by itself. To save yours over theirs, press ctrl+s twice."
            )
        elif conflict.version is not None:
            then = (
                "Their version is below; what you typed is still here. ctrl+s again saves "
                "yours over theirs."
            )
        else:
            then = "What you typed is still here to copy; it can't be saved over."
        self.query_one("#conflict-message", Static).update(assemble(str(conflict), " ", then))
        theirs = self.query_one("#conflict-theirs", SafeTextArea)
        theirs.text = conflict_text(conflict, labels) if conflict.current else ""
        theirs.display = bool(conflict.current)
        self.add_class("-shown")

    def withdraw(self) -> None:
        """Hide the notice (the person's own version was saved)."""
        self.conflict = None
        self.remove_class("-shown")

    @property
    def can_save_over(self) -> bool:
        """A conflict is on show and the record can still be saved over."""
        return self.conflict is not None and self.conflict.version is not None
