"""Assessments: ``store.assessments``. A case's biopsychosocial assessment, repeated over time.

Each version is a draft (one per case at a time, which anyone who may change the case edits,
saved against its version) until finalised; from then on the database refuses to change or
delete it or its domains, it is sealed, and corrections are amendments beside it. The latest
final one (by its as-at day) is the current assessment. A new draft starts blank or as a copy
of the current one. A closed case's assessments are read, never changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import peewee as pw

from store.access import guarded
from store.assessments.models import Assessment, AssessmentAmendment, AssessmentDomain
from store.assessments.records import (
    DRAFT,
    FINAL,
    AssessmentAmendmentInfo,
    AssessmentDetail,
    AssessmentHistory,
    AssessmentOverview,
    AssessmentSummary,
    Comparison,
    DomainInfo,
    RatingsTable,
)
from store.assessments.rules import (
    REASON_MAX,
    TEXT_MAX,
    compare,
    domain_key,
    level,
    ratings_table,
)
from store.audit.service import act
from store.common import dates
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import CaseStatus, WorkerInfo
from store.common.settings import ASSESSMENT_DOMAINS, ASSESSMENT_SCALE
from store.common.textsafe import clean_field, strip_control
from store.core.conflicts import refused, worker_name
from store.core.db import Database
from store.core.models import Case, Worker, utcnow
from store.core.permissions import Access
from store.core.rows import tuples


def _open_case(case_id: int, doing: str) -> Case:
    """The case, refused (InvalidInput) when it is closed. In a transaction."""
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise NotFound(f"No case with id {case_id}.")
    if case.status == CaseStatus.CLOSED.value:
        raise InvalidInput({"form": f"Case {case.ref} is closed; reopen it to {doing}."})
    return case


def _draft_values(row: Assessment, domains: Sequence[AssessmentDomain]) -> dict[str, Any]:
    """A draft's fields as its form shows them, in the form's order."""
    values: dict[str, Any] = {
        "as_at": row.as_at,
        "summary": row.summary,
        "goals": row.goals,
    }
    for d in domains:
        for field in ("strengths", "needs", "client_view", "rating"):
            values[domain_key(d.position, field)] = getattr(d, field)
    return values


class AssessmentService:
    """A case's assessments: ``store.assessments``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- reading -------------------------------------------------------------------------

    @guarded(Access.READ, "case_id")
    def overview(self, actor: WorkerInfo, case_id: int) -> AssessmentOverview:
        """The current assessment, the draft under way and every version (the tab's one read)."""
        with self.database.reading():
            return self._overview(case_id)

    @guarded(Access.READ, "assessment_id", of="assessment")
    def get(self, actor: WorkerInfo, assessment_id: int) -> AssessmentDetail:
        """One version, whole, with its amendments."""
        with self.database.reading():
            return self._detail(assessment_id)

    @guarded(Access.READ, "older_id", of="assessment")
    def compare(self, actor: WorkerInfo, older_id: int, newer_id: int) -> Comparison:
        """Two versions of one case's assessment, field by field (given in either order: the
        one as at the earlier day is the older)."""
        with self.database.reading():
            first, second = self._detail(older_id), self._detail(newer_id)
            if first.case_id != second.case_id:
                raise NotFound(f"No assessment with id {newer_id} in this case.")
            lines = {v.id: v for v in self._versions(first.case_id)}
        if (second.as_at, second.id) < (first.as_at, first.id):
            first, second = second, first
        return compare(first, second, lines[first.id], lines[second.id])

    @guarded(Access.READ, "case_id")
    def ratings(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        scale: Sequence[str] = ASSESSMENT_SCALE,
        domains: Sequence[str] = ASSESSMENT_DOMAINS,
    ) -> RatingsTable:
        """Each domain's rating in each final assessment, oldest first (the screen's read)."""
        with self.database.reading():
            return self._ratings(case_id, scale, domains)

    @guarded(Access.READ, "case_id")
    def history(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        scale: Sequence[str] = ASSESSMENT_SCALE,
        domains: Sequence[str] = ASSESSMENT_DOMAINS,
    ) -> AssessmentHistory:
        """The overview and the ratings over time, read together (for an export)."""
        with self.database.reading():
            return AssessmentHistory(
                self._overview(case_id), self._ratings(case_id, scale, domains)
            )

    def _ratings(self, case_id: int, scale: Sequence[str], domains: Sequence[str]) -> RatingsTable:
        lines = [v for v in reversed(self._versions(case_id)) if v.is_final]
        finals = [self._detail(v.id, amendments=False) for v in lines]
        return ratings_table(finals, lines, scale, domains)

    def _overview(self, case_id: int) -> AssessmentOverview:
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise NotFound(f"No case with id {case_id}.")
        versions = self._versions(case_id)
        current = next((v for v in versions if v.is_final), None)
        draft = next((v for v in versions if not v.is_final), None)
        return AssessmentOverview(
            case_id=case_id,
            closed=case.status == CaseStatus.CLOSED.value,
            current=self._detail(current.id) if current else None,
            draft=self._detail(draft.id) if draft else None,
            versions=versions,
        )

    def _versions(self, case_id: int) -> tuple[AssessmentSummary, ...]:
        """A case's assessments, the draft first, then the finals newest first."""
        amendments = (
            AssessmentAmendment.select(
                AssessmentAmendment.assessment, pw.fn.COUNT(AssessmentAmendment.id).alias("n")
            )
            .group_by(AssessmentAmendment.assessment)
            .alias("amendment_counts")
        )
        query = (
            Assessment.select(
                Assessment.id,
                Assessment.as_at,
                Assessment.status,
                Worker.display_name,
                Assessment.finalised_at,
                pw.fn.COALESCE(amendments.c.n, 0),
            )
            .join(Worker, on=(Assessment.author == Worker.id))
            .switch(Assessment)
            .join(
                amendments,
                pw.JOIN.LEFT_OUTER,
                on=(amendments.c.assessment_id == Assessment.id),
            )
            .where(Assessment.case == case_id)
            .order_by(
                (Assessment.status == FINAL).asc(), Assessment.as_at.desc(), Assessment.id.desc()
            )
        )
        return tuple(
            AssessmentSummary(
                id=i, as_at=at, status=s, author_name=who, finalised_at=fin, amendments=int(n)
            )
            for i, at, s, who, fin, n in tuples(query)
        )

    def _detail(self, assessment_id: int, *, amendments: bool = True) -> AssessmentDetail:
        author = Worker.alias("author")
        saver = Worker.alias("saver")
        row: Any = (
            Assessment.select(
                Assessment,
                author.display_name.alias("author_name"),
                saver.display_name.alias("saver_name"),
            )
            .join(author, on=(Assessment.author == author.id))
            .switch(Assessment)
            .join(saver, on=(Assessment.updated_by == saver.id))
            .where(Assessment.id == assessment_id)
            .objects()
            .first()
        )
        if row is None:
            raise NotFound(f"No assessment with id {assessment_id}.")
        domains = tuple(
            DomainInfo(
                position=d.position,
                name=d.domain,
                strengths=d.strengths,
                needs=d.needs,
                client_view=d.client_view,
                rating=d.rating,
            )
            for d in AssessmentDomain.select()
            .where(AssessmentDomain.assessment == assessment_id)
            .order_by(AssessmentDomain.position)
        )
        found: tuple[AssessmentAmendmentInfo, ...] = ()
        if amendments:
            amendment_rows: Any = (
                AssessmentAmendment.select(AssessmentAmendment, Worker.display_name)
                .join(Worker, on=(AssessmentAmendment.author == Worker.id))
                .where(AssessmentAmendment.assessment == assessment_id)
                .order_by(AssessmentAmendment.created_at, AssessmentAmendment.id)
                .objects()
            )
            found = tuple(
                AssessmentAmendmentInfo(
                    id=a.id,
                    author_name=a.display_name,
                    created_at=a.created_at,
                    reason=a.reason,
                    body=a.body,
                )
                for a in amendment_rows
            )
        return AssessmentDetail(
            id=row.id,
            case_id=row.case_id,
            author_name=row.author_name,
            as_at=row.as_at,
            status=row.status,
            summary=row.summary,
            goals=row.goals,
            domains=domains,
            copied_from=row.copied_from,
            finalised_at=row.finalised_at,
            updated_by_name=row.saver_name,
            updated_at=row.updated_at,
            version=row.version,
            amendments=found,
        )

    # -- drafts --------------------------------------------------------------------------

    @guarded(Access.WRITE, "case_id")
    def start(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        copy_last: bool = False,
        domains: Sequence[str] = ASSESSMENT_DOMAINS,
        scale: Sequence[str] = ASSESSMENT_SCALE,
    ) -> AssessmentDetail:
        """A new draft, as at today: blank, with the configured domains, or (``copy_last``) a
        copy of the current assessment's summary, goals and domains, under the configured
        domains (a domain no longer configured is left out, a rating no longer on the scale
        cleared)."""
        now = utcnow()
        with self.database.writing():
            case = _open_case(case_id, "assess")
            versions = self._versions(case_id)
            draft = next((v for v in versions if not v.is_final), None)
            if draft is not None:
                raise InvalidInput(
                    {
                        "form": f"{draft.author_name} has a draft assessment of {case.ref} "
                        "under way; carry on with it (e) or finish it first."
                    }
                )
            last = next((v for v in versions if v.is_final), None)
            if copy_last and last is None:
                raise InvalidInput({"form": "There is no finalised assessment to copy yet."})
            source = self._detail(last.id, amendments=False) if copy_last and last else None
            row = Assessment.create(
                case=case_id,
                author=actor.id,
                as_at=dates.today(),
                status=DRAFT,
                summary=source.summary if source else "",
                goals=source.goals if source else "",
                copied_from=source.id if source else None,
                created_at=now,
                updated_at=now,
                updated_by=actor.id,
            )
            for position, name in enumerate(domains, 1):
                was = source.domain(name) if source else None
                rating = was.rating if was and level(was.rating, scale) is not None else ""
                AssessmentDomain.create(
                    assessment=row.id,
                    position=position,
                    domain=name,
                    strengths=was.strengths if was else "",
                    needs=was.needs if was else "",
                    client_view=was.client_view if was else "",
                    rating=rating,
                )
            act(
                actor,
                "assessment-started",
                case_id,
                "assessment",
                row.id,
                detail=f"copy of {source.id}" if source else "",
            )
            return self._detail(row.id)

    @guarded(Access.WRITE, "assessment_id", of="assessment")
    def save_draft(
        self,
        actor: WorkerInfo,
        assessment_id: int,
        data: dict[str, Any],
        *,
        version: int,
        scale: Sequence[str] = ASSESSMENT_SCALE,
        dayfirst: bool = True,
    ) -> AssessmentDetail:
        """Save the draft's fields as typed (checked: InvalidInput at the fields) over
        ``version``; Conflict, with the draft as saved, if someone saved since."""
        from store.assessments.input import parse_assessment

        now = utcnow()
        with self.database.writing():
            row = Assessment.get_or_none(Assessment.id == assessment_id)
            if row is None:
                raise NotFound(f"No assessment with id {assessment_id}.")
            _open_case(row.case_id, "change its assessment")
            domain_rows = list(
                AssessmentDomain.select()
                .where(AssessmentDomain.assessment == assessment_id)
                .order_by(AssessmentDomain.position)
            )
            if row.status != DRAFT:
                raise Conflict(
                    "This assessment has been finalised since you opened it; "
                    "what you typed is kept in the form to copy."
                )
            if row.version != version:
                current = _draft_values(row, domain_rows)
                raise refused(
                    "this assessment",
                    changed_by=self._name(row.updated_by_id),
                    changed_at=row.updated_at,
                    current=current,
                    version=row.version,
                    verb="saved",
                )
            fields = parse_assessment(
                {"as_at": dates.format_date(row.as_at), **data},
                [d.position for d in domain_rows],
                scale,
                dayfirst=dayfirst,
            )
            Assessment.update(
                as_at=fields["as_at"],
                summary=fields.get("summary", row.summary),
                goals=fields.get("goals", row.goals),
                updated_at=now,
                updated_by=actor.id,
                version=Assessment.version + 1,
            ).where(Assessment.id == assessment_id).execute()
            for d in domain_rows:
                changed = {
                    field: fields[domain_key(d.position, field)]
                    for field in ("strengths", "needs", "client_view", "rating")
                    if domain_key(d.position, field) in fields
                }
                if changed:
                    AssessmentDomain.update(**changed).where(AssessmentDomain.id == d.id).execute()
            act(actor, "assessment-saved", row.case_id, "assessment", assessment_id)
            return self._detail(assessment_id)

    @guarded(Access.WRITE, "assessment_id", of="assessment")
    def discard(self, actor: WorkerInfo, assessment_id: int) -> None:
        """Throw a draft away (a draft is not a record; a final one can't be discarded)."""
        with self.database.writing():
            row = Assessment.get_or_none(Assessment.id == assessment_id)
            if row is None or row.status != DRAFT:
                raise NotFound("That draft has already been finalised or discarded.")
            _open_case(row.case_id, "change its assessment")
            AssessmentDomain.delete().where(AssessmentDomain.assessment == assessment_id).execute()
            Assessment.delete().where(Assessment.id == assessment_id).execute()
            act(actor, "assessment-discarded", row.case_id, "assessment", assessment_id)

    # -- making records ------------------------------------------------------------------

    @guarded(Access.WRITE, "assessment_id", of="assessment")
    def finalise(self, actor: WorkerInfo, assessment_id: int, *, version: int) -> AssessmentDetail:
        """Make the draft a record, as saved at ``version``: it needs a summary and at least
        one domain rated; from now on it never changes."""
        now = utcnow()
        with self.database.writing():
            row = Assessment.get_or_none(Assessment.id == assessment_id)
            if row is None:
                raise NotFound(f"No assessment with id {assessment_id}.")
            _open_case(row.case_id, "finalise its assessment")
            if row.status != DRAFT:
                raise Conflict("This assessment has already been finalised.")
            if row.version != version:
                raise Conflict(
                    f"{self._name(row.updated_by_id) or 'Someone else'} saved this draft after "
                    "you opened it; read it again before finalising.",
                    version=row.version,
                )
            errors: dict[str, str] = {}
            if not row.summary.strip():
                errors["summary"] = "Write the summary before finalising."
            rated = (
                AssessmentDomain.select()
                .where(AssessmentDomain.assessment == assessment_id, AssessmentDomain.rating != "")
                .exists()
            )
            if not rated:
                errors["form"] = "Rate at least one domain before finalising."
            if errors:
                raise InvalidInput(errors)
            Assessment.update(
                status=FINAL,
                finalised_at=now,
                updated_at=now,
                updated_by=actor.id,
                version=Assessment.version + 1,
            ).where(Assessment.id == assessment_id).execute()
            act(actor, "assessment-finalised", row.case_id, "assessment", assessment_id)
            return self._detail(assessment_id)

    @guarded(Access.WRITE, "assessment_id", of="assessment")
    def amend(
        self, actor: WorkerInfo, assessment_id: int, *, reason: str, body: str
    ) -> AssessmentDetail:
        """Append a correction to a finalised assessment; it stays as it was."""
        errors: dict[str, str] = {}
        reason = clean_field(reason)
        if not reason:
            errors["reason"] = "Say why the assessment is being amended."
        elif len(reason) > REASON_MAX:
            errors["reason"] = f"Keep the reason under {REASON_MAX} characters."
        body = strip_control(body).strip()
        if not body:
            errors["body"] = "The amendment is empty."
        elif len(body) > TEXT_MAX:
            errors["body"] = "The amendment is too long."
        if errors:
            raise InvalidInput(errors)
        with self.database.writing():
            row = Assessment.get_or_none(Assessment.id == assessment_id)
            if row is None:
                raise NotFound(f"No assessment with id {assessment_id}.")
            _open_case(row.case_id, "amend its assessment")
            if row.status != FINAL:
                raise InvalidInput(
                    {"form": "A draft is simply edited; only finalised assessments are amended."}
                )
            AssessmentAmendment.create(
                assessment=assessment_id,
                author=actor.id,
                reason=reason,
                body=body,
                created_at=utcnow(),
            )
            act(actor, "assessment-amended", row.case_id, "assessment", assessment_id)
            return self._detail(assessment_id)

    @staticmethod
    def _name(worker_id: int | None) -> str:
        return worker_name(worker_id)
