"""What the export dialog writes for a case's assessments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from store.common.words import plural
from tui.screens.export import Export

if TYPE_CHECKING:
    from store.assessments.records import AssessmentHistory
    from store.cases.records import CaseDetail


def assessment_export(
    detail: CaseDetail, history: AssessmentHistory, scale: Sequence[str]
) -> Export:
    """The current assessment, the ratings over time and the versions."""
    from store.export.assessment import export_assessment

    current = history.overview.current
    return Export(
        "Export assessment",
        f"the current assessment and {plural(len(history.overview.finals), 'finalised version')}",
        "assessment",
        "Assessment",
        lambda path, by: export_assessment(path, detail, history, scale, exported_by=by),
        ("assessment", current.id) if current else ("case", None),
    )
