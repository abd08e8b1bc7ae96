"""Exporting what is on screen (the chronology as filtered) to a Markdown or HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store import dates
from store.errors import StoreError
from store.records import CaseDetail, ChronologyItem
from tui.text import assemble
from tui.widgets.safe import SafeInput


def default_export_path(ref: str, fmt: str) -> Path:
    """A file in the home folder named after the case and today's date."""
    safe_ref = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in ref)
    return Path.home() / f"chronology-{safe_ref}-{dates.today().isoformat()}.{fmt}"


class ExportScreen(ModalScreen[Path | None]):
    """Choose the format with one key, check the path, enter writes the file."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; background: $background 60%; }
    ExportScreen > Vertical {
        width: 76; max-width: 100%; height: auto; border: round $primary;
        background: $surface; padding: 1 2;
    }
    ExportScreen .heading { text-style: bold; }
    ExportScreen Input { margin: 1 0 0 0; background: $boost; }
    ExportScreen #export-error { color: $text-error; height: auto; }
    ExportScreen .hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("f2", "format('md')", "Markdown", id="export.markdown"),
        Binding("f3", "format('html')", "HTML", id="export.html"),
    ]

    def __init__(self, detail: CaseDetail, items: list[ChronologyItem], filters: str) -> None:
        super().__init__()
        self.detail = detail
        self.items = items
        self.filters = filters
        self.fmt = "html"

    def compose(self) -> ComposeResult:
        count = len(self.items)
        scope = f"filtered: {self.filters}" if self.filters else "all entries"
        with Vertical():
            yield Static(
                assemble(
                    ("Export chronology", "bold"),
                    " · ",
                    self.detail.ref,
                    f" · {count} entr{'y' if count == 1 else 'ies'} ({scope})",
                ),
                classes="heading",
            )
            yield SafeInput(
                str(default_export_path(self.detail.ref, self.fmt)), id="export-path", compact=True
            )
            yield Static("", id="export-error")
            yield Static(
                "enter write · f2 Markdown · f3 HTML (printable) · esc cancel", classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def action_format(self, fmt: str) -> None:
        self.fmt = fmt
        field = self.query_one("#export-path", Input)
        path = Path(field.value.strip() or str(default_export_path(self.detail.ref, fmt)))
        field.value = str(path.with_suffix(f".{fmt}"))

    @on(Input.Submitted, "#export-path")
    def _write(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#export-error", Static).update("Type where to save the file.")
            return
        self._export(Path(text).expanduser())

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, path: Path) -> None:
        from store.export import export_chronology

        app = self.app
        try:
            written = export_chronology(
                path,
                self.detail,
                self.items,
                exported_by=app.me.display_name,  # type: ignore[attr-defined]
                filter_description=self.filters,
            )
        except StoreError as exc:
            app.call_from_thread(self.query_one("#export-error", Static).update, assemble(str(exc)))
            return
        app.call_from_thread(self._done, written)

    def _done(self, path: Path) -> None:
        self.app.notify(f"Chronology written to {path}", markup=False)
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
