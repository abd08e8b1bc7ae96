"""The store's services, one per area, each made (and its code imported) when first used.

``Store`` (``store.service``) is one of these: starting the app to the painted caseload asks
only a few of them (the workers, the cases), so the code of the others is not even loaded then.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from store.common.reminders import DEFAULT_CONTACT_OVERDUE_DAYS, DEFAULT_SUMMARY_MAX_AGE_MONTHS
from store.core.db import Database

if TYPE_CHECKING:
    from store.assessments.service import AssessmentService
    from store.audit.service import AuditService
    from store.case_file.service import CaseFileService
    from store.cases.service import CaseService
    from store.chronology.service import ChronologyService
    from store.conferences.service import ConferenceService
    from store.consent.service import ConsentService
    from store.forms.service import FormDraftService
    from store.integrity.service import IntegrityService
    from store.notes.service import NoteService
    from store.plans.service import PlanService
    from store.referrals.service import ReferralService
    from store.reminders.service import ReminderService
    from store.resources.service import ResourcesService
    from store.search.service import SearchService
    from store.supervision.service import SupervisionService
    from store.workers.service import WorkerService


class Areas:
    """The services of a ``Store``: ``store.notes``, ``store.plans`` and so on."""

    def __init__(
        self,
        database: Database,
        *,
        ref_format: str,
        max_failed_sign_ins: int,
        min_passphrase_length: int,
        consent_expiring_days: int,
    ) -> None:
        self.database = database
        self.ref_format = ref_format
        self._max_failed_sign_ins = max_failed_sign_ins
        self._min_passphrase_length = min_passphrase_length
        self._consent_days = consent_expiring_days
        self._contact_days = DEFAULT_CONTACT_OVERDUE_DAYS
        self._summary_months = DEFAULT_SUMMARY_MAX_AGE_MONTHS
        self._chase_limit: int | None = None  # the referrals' own default

    def use_rules(
        self, *, contact_days: int, summary_months: int, chase_limit: int | None = None
    ) -> None:
        """The configured thresholds of the rules of what needs doing (``store.common.reminders``):
        the caseload's flags and the agenda then agree; and, if given, the chases after which a
        referral is marked for escalation (``store.referrals``)."""
        self._contact_days = contact_days
        self._summary_months = summary_months
        made = vars(self)  # a service already made takes them too; one made later is made so
        if "cases" in made:
            self.cases.contact_days = contact_days
        if "reminders" in made:
            self.reminders.limits = replace(
                self.reminders.limits, contact_days=contact_days, summary_months=summary_months
            )
        if chase_limit is not None:
            self._chase_limit = chase_limit
            if "referrals" in made:
                self.referrals.chase_limit = chase_limit

    def warm_up(self) -> None:
        """Make the services a case's opening reads with (its file and its health), loading
        their code (some 25 modules): for the app, once its first screen is up and nobody is
        waiting, so that the first case opened is as quick to open as the next."""
        for service in ("case_file", "reminders"):
            getattr(self, service)

    @cached_property
    def audit(self) -> AuditService:
        from store.audit.service import AuditService

        return AuditService(self.database)

    @cached_property
    def integrity(self) -> IntegrityService:
        from store.integrity.service import IntegrityService

        return IntegrityService(self.database)

    @cached_property
    def workers(self) -> WorkerService:
        from store.workers.service import WorkerService

        return WorkerService(
            self.database,
            max_failed_sign_ins=self._max_failed_sign_ins,
            min_passphrase_length=self._min_passphrase_length,
        )

    @cached_property
    def cases(self) -> CaseService:
        from store.cases.service import CaseService

        return CaseService(
            self.database,
            ref_format=self.ref_format,
            consent_days=self._consent_days,
            contact_days=self._contact_days,
        )

    @cached_property
    def notes(self) -> NoteService:
        from store.notes.service import NoteService

        return NoteService(self.database)

    @cached_property
    def forms(self) -> FormDraftService:
        from store.forms.service import FormDraftService

        return FormDraftService(self.database)

    @cached_property
    def chronology(self) -> ChronologyService:
        from store.chronology.service import ChronologyService

        return ChronologyService(self.database)

    @cached_property
    def plans(self) -> PlanService:
        from store.plans.service import PlanService

        return PlanService(self.database)

    @cached_property
    def supervision(self) -> SupervisionService:
        from store.supervision.service import SupervisionService

        return SupervisionService(self.database)

    @cached_property
    def resources(self) -> ResourcesService:
        from store.resources.service import ResourcesService

        return ResourcesService(self.database)

    @cached_property
    def search(self) -> SearchService:
        from store.search.service import SearchService

        return SearchService(self.database)

    @cached_property
    def consent(self) -> ConsentService:
        from store.consent.service import ConsentService

        return ConsentService(self.database, expiring_days=self._consent_days)

    @cached_property
    def assessments(self) -> AssessmentService:
        from store.assessments.service import AssessmentService

        return AssessmentService(self.database)

    @cached_property
    def referrals(self) -> ReferralService:
        from store.referrals.service import ReferralService

        referrals = ReferralService(self.database, consent=self.consent)
        if self._chase_limit is not None:
            referrals.chase_limit = self._chase_limit
        return referrals

    @cached_property
    def conferences(self) -> ConferenceService:
        from store.conferences.service import ConferenceService

        return ConferenceService(self.database, cases=self.cases, plans=self.plans)

    @cached_property
    def case_file(self) -> CaseFileService:
        from store.case_file.service import CaseFileService

        return CaseFileService(
            self.database,
            cases=self.cases,
            chronology=self.chronology,
            notes=self.notes,
            plans=self.plans,
        )

    @cached_property
    def reminders(self) -> ReminderService:
        from store.reminders.service import ReminderService

        return ReminderService(
            self.database,
            contact_days=self._contact_days,
            summary_months=self._summary_months,
            consent_days=self._consent_days,
        )
