"""Demo data: a plausible caseload for trying Caseline out and for measuring it.

``generate()`` writes workers, clients, cases, allocations, notes, service plans and chronology
entries in one write transaction. Everything comes from one ``random.Random(seed)`` and the
``today`` passed in, so the same arguments give the same database content. The names, addresses
and phone numbers are made up (the phone numbers are in Ofcom's ranges reserved for drama).

Speed matters (the CLI offers thousands of cases to test the UI against), so rows are built as
tuples with ids assigned here and written with multi-row INSERTs; dates are handled as day
ordinals until a row is written.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any, TypeVar

import peewee as pw

from store.common import dates
from store.common.records import CaseStatus
from store.common.textsafe import fold
from store.common.words import plural
from store.conferences.info import entry_details
from store.conferences.people import display_name as person_shown
from store.conferences.records import type_title
from store.core.dialect import ids_given
from store.core.models import (
    Allocation,
    Case,
    ChronologyEntry,
    Client,
    Conference,
    ConferenceAction,
    ConferenceAgendaItem,
    ConferenceAttendee,
    Contact,
    Counter,
    Meta,
    Note,
    PlanAction,
    PlanGoal,
    PlanGoalVersion,
    PlanReview,
    PlanReviewRating,
    Professional,
    RecordChange,
    ServicePlan,
    SummaryVersion,
    Worker,
)
from store.demo import directory
from store.demo import referral_edits as demo_referral_edits
from store.demo import referrals as demo_referrals
from store.demo import search as demo_search
from store.demo import text as txt
from store.demo.assessments import write_assessments
from store.demo.consent import write_consents
from store.demo.tasks import write_tasks
from store.plans.info import next_review_due
from store.plans.records import RATINGS, PlanInfo
from store.service import DEMO_KEY, Store
from store.workers.service import display_name_for

_T = TypeVar("_T")

SPAN_DAYS = 6 * 365  # how far back case openings go
OPEN_SHARE = 0.70
CLOSED_SHARE = 0.20  # the rest are referrals
TRANSFERRED_SHARE = 0.15
REPEAT_CLIENT_SHARE = 0.02  # clients with an old closed case and a newer one
SIGNIFICANT_SHARE = 0.08
MY_OPEN_CASES = (22, 30)
REVIEW_SHARE = 0.75  # open cases with a service plan, bar most new ones (see NEW_CASE_DAYS)
REVIEW_OVERDUE_SHARE = 0.15
BATCH_ROWS = 2000  # notes and chronology entries are written this many at a time
IDENTIFIER_SHARE = 0.6  # clients with another agency's number on file
FOLLOW_UP_SHARE = 0.32  # of notes that name a follow-up date, those that set one
SUMMARY_SHARE = 0.9  # open cases (older than three weeks) with a case summary
STALE_SUMMARY_SHARE = 0.25  # of those old enough, summaries last updated > 3 months ago
PROFESSIONAL_ENDED_SHARE = 0.25
MANUAL_CHRONOLOGY_SHARE = 0.8  # of allocated cases: those with entries added by hand
MANUAL_CHRONOLOGY_MAX = 8  # entries added by hand to one case, at most
MANUAL_ANALYSIS_SHARE = 0.5  # of manual entries, those with an analysis
AUTOMATIC_ANALYSIS_SHARE = 0.12  # of significant notes' entries, those annotated
NEW_CASE_DAYS = 21  # open cases younger than this mostly have no plan yet
NEW_CASE_PLAN_SHARE = 0.4
CLOSED_PLAN_SHARE = 0.75  # of closed cases open for four weeks or more
EARLIER_PLAN_SHARE = 0.5  # of plans starting months after the case opened: one came before
EARLIER_PLAN_GAP = 120  # days between the case opening and a plan that makes one likely
LONG_GAP_SHARE = 0.85  # ... and of plans starting over a year after it
MAX_PLANS = 3
MAX_OPEN_GOALS = 4
FIXED_DATES_SHARE = 0.08  # plans reviewed on set dates (a conference timetable) not an interval
# Weighted choices are (value, weight) pairs.
REVIEW_INTERVALS = (
    ((6, "weeks"), 40),
    ((3, "months"), 25),
    ((1, "months"), 20),
    ((4, "weeks"), 5),
    ((2, "months"), 6),
    ((6, "months"), 4),
)
# A long-running case's earlier plans, once things had settled.
SETTLED_INTERVALS = ((6, "months"), (12, "months"))
REVIEWS_PER_PLAN = ((0, 25), (1, 35), (2, 25), (3, 15))
ONE_TO_FOUR = ((1, 15), (2, 35), (3, 35), (4, 15))  # goals in a new plan, actions for a goal
CLIENT_AGREED_SHARE = 0.93
NOT_ACHIEVABLE_SHARE = 0.08  # goals the worker doubts, with a note saying why
ACHIEVABLE_NOTE_SHARE = 0.07  # achievable goals with a proviso noted
NOT_RATED_SHARE = 0.05
CLIENT_PRESENT_SHARE = 0.85
# How a review rates a goal, the first time and later, and what it decides.
FIRST_RATINGS = tuple(zip(RATINGS, (10, 55, 25, 7, 3), strict=True))
LATER_RATINGS = tuple(zip(RATINGS, (35, 40, 14, 6, 5), strict=True))
DECISIONS_FOR = {
    "achieved": (("close goal", 90), ("continue", 10)),
    "progressing": (("continue", 75), ("change", 15), ("new goal", 10)),
    "no change": (("continue", 45), ("change", 40), ("close goal", 15)),
    "worse": (("change", 60), ("continue", 35), ("new goal", 5)),
    "no longer relevant": (("close goal", 1),),
}
# The percentages a review's evidence quotes (school attendance), by rating.
PERCENT_FOR = {"achieved": (95, 99), "progressing": (88, 94), "no change": (80, 89)}
OPEN_ACTION = frozenset({"not started", "in progress"})
CONFERENCE_SHARE = 0.25  # of open cases with professionals involved
CLOSED_CONFERENCE_SHARE = 0.05
DRAFT_SHARE = 0.4  # of cases whose latest meeting was in the last two weeks: minutes a draft
CLIENT_ATTENDED_SHARE = 0.8  # adults (and families) at their meetings
# Of finalised meetings with one of the case's plan reviews near their date, those that held it
# (the meeting moved to the review's day).
INLINE_REVIEW_SHARE = 0.75
INLINE_REVIEW_DAYS = 42  # how far a meeting moves to hold a review, at most
INLINE_REVIEW_GAP = 14  # days kept between a case's meetings when one moves
REVIEW_MEETING_TYPES = frozenset({"case conference", "review meeting", "core group"})

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_TIMES = tuple(f"{h}:{m:02d}" for h in range(9, 17) for m in (0, 15, 30, 45))
_SHORT_ONLY = frozenset({"email", "letter", "text message"})
_SIGNIFICANT_TYPES = ("home visit", "phone call", "meeting", "office visit", "case note")


DEMO_TEAM = "Duty and Assessment"


@dataclass(frozen=True)
class DemoReport:
    """What ``generate()`` wrote, for the CLI to print."""

    workers: int
    clients: int
    cases: int
    open: int
    closed: int
    referrals: int
    transferred: int
    notes: int
    chronology: int
    contacts: int
    professionals: int
    summaries: int  # cases with a case summary
    summary_versions: int
    plans: int
    goals: int
    actions: int
    reviews: int
    conferences: int
    attendees: int  # of conferences, apologies included
    conference_actions: int
    conference_reviews: int  # conferences with a plan review held in the meeting
    seconds: float

    def lines(self) -> list[str]:
        """A short human summary, one line per fact group."""
        return [
            f"Wrote {plural(self.cases, 'case')} ({self.open:,} open, {self.closed:,} closed, "
            f"{plural(self.referrals, 'referral')}; {self.transferred:,} transferred) "
            f"for {plural(self.workers, 'worker')}",
            f"{plural(self.clients, 'client')}, {plural(self.notes, 'note')}, "
            f"{plural(self.chronology, 'chronology entry', 'chronology entries')}",
            f"{plural(self.contacts, 'contact')} in support networks, "
            f"{plural(self.professionals, 'professional')} involved, "
            f"{plural(self.summaries, 'case summary', 'case summaries')} "
            f"({plural(self.summary_versions, 'version')})",
            f"{plural(self.plans, 'service plan')} ({plural(self.goals, 'goal')}, "
            f"{plural(self.actions, 'action')}, {plural(self.reviews, 'review')})",
            f"{plural(self.conferences, 'case conference')} "
            f"({plural(self.attendees, 'attendee')}, "
            f"{plural(self.conference_actions, 'action')}, "
            f"{self.conference_reviews:,} with a plan review)",
            f"in {self.seconds:.1f} s",
        ]


def generate(
    store: Store,
    *,
    me: str,
    cases: int = 150,
    notes_per_case: int = 30,
    workers: int = 6,
    seed: int = 1,
    today: date | None = None,
) -> DemoReport:
    """Write a demo caseload: ``me`` plus other workers, their cases, notes and chronology.

    ``me`` (a username) gets a full caseload of open cases and some closed ones. The caller
    decides whether the database may receive demo data (the CLI only offers it when empty).
    """
    if not me or not me.strip():
        raise ValueError("me (the demo user's username) must not be empty")
    if cases < 0:
        raise ValueError(f"cases must be 0 or more, not {cases}")
    if notes_per_case < 0:
        raise ValueError(f"notes_per_case must be 0 or more, not {notes_per_case}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1 (the demo user), not {workers}")
    started = time.perf_counter()
    day = today or dates.today()
    with store.database.writing() as db, demo_search.indexed_at_the_end(db):
        # The case-file extras draw from their own stream, so adding them left the rest of a
        # seed's data as it was.
        extra = random.Random(f"caseline-demo-case-file:{seed}")
        chron = random.Random(f"caseline-demo-chronology:{seed}")
        plans = random.Random(f"caseline-demo-plans:{seed}")
        meetings = random.Random(f"caseline-demo-conferences:{seed}")
        # Which meetings held a plan review: its own stream again, so the meetings themselves
        # stayed as they were (bar the moved ones' dates).
        held_in = random.Random(f"caseline-demo-meeting-reviews:{seed}")
        # The relatives added to support networks that lacked them: their own stream too.
        added = random.Random(f"caseline-demo-networks:{seed}")
        report = _Generator(
            random.Random(seed), day, me.strip(), extra, chron, plans, meetings, held_in, added
        ).run(cases, notes_per_case, workers)
        # The parts below write many rows with their ids, and some rows without: after each,
        # PostgreSQL's id sequences are moved past the ids written (SQLite needs nothing).
        ids_given(db)
        # The community-resource directory: its own stream, and it names no client.
        home = random.Random(seed).choice(txt.TOWNS)[0]
        directory.write(random.Random(f"caseline-demo-directory:{seed}"), day, home)
        ids_given(db)
        me_id = Worker.select(Worker.id).where(Worker.username == me.strip()).scalar()
        write_consents(day, seed, me_id)
        ids_given(db)
        # Assessments over time on the long cases: a stream of their own again.
        write_assessments(random.Random(f"caseline-demo-assessments:{seed}"), day)
        ids_given(db)
        # After the consents: a referral is sent under one in force that day, if any.
        made = demo_referrals.write(random.Random(f"caseline-demo-referrals:{seed}"), day, me_id)
        report["chronology"] += made["chronology entries"]
        ids_given(db)
        demo_referral_edits.write(random.Random(f"caseline-demo-referral-edits:{seed}"))
        ids_given(db)
        # Tasks added by hand, some moved, some done: a stream of their own.
        write_tasks(random.Random(f"caseline-demo-tasks:{seed}"), day)
        ids_given(db)
        # Marked, so that it alone is opened without signing in.
        Meta.insert(key=DEMO_KEY, value="1").on_conflict(
            conflict_target=[Meta.key], update={Meta.value: "1"}
        ).execute()
    return DemoReport(**report, seconds=time.perf_counter() - started)


# --- planning ----------------------------------------------------------------------------


class _Person:
    """A generated client and the people around them, as text for notes."""

    __slots__ = (
        "address",
        "age",
        "area",
        "bg",
        "child",
        "ctx",
        "dob",
        "family",
        "female",
        "language",
        "name",
        "phone",
        "surname",
        "topics",
        "town",
    )

    def __init__(self) -> None:
        self.name = ""
        self.bg = 0  # index into txt.BACKGROUNDS
        self.surname = ""
        self.female = False
        self.age = 0  # when the case opened (a family's: the child's)
        self.town = ""
        self.area = ""  # postcode area, which tells London's boroughs apart
        self.language = ""
        self.dob: int | None = None
        self.address = ""
        self.phone = ""
        self.child = False
        self.family = False
        self.ctx: dict[str, str] = {}
        self.topics: list[txt.Topic] = []


class _Case:
    """A planned case; dates are day ordinals until rows are written."""

    __slots__ = (
        "allocs",
        "client",
        "closed",
        "closure_reason",
        "creator",
        "id",
        "opened",
        "plans",
        "ref",
        "review",
        "schedule",
        "status",
        "worker",
    )

    def __init__(self, status: str, worker: int | None) -> None:
        self.status = status
        self.worker = worker  # index into the worker list; None for a referral
        self.client = -1
        self.opened = 0
        self.closed: int | None = None
        self.allocs: list[tuple[int, int]] = []  # (start ordinal, worker index), oldest first
        self.schedule: list[int] = []  # note times as ordinal * 1440 + local minute, sorted
        # An open case's next plan review as first drawn; its plans are built to lead there.
        self.review: int | None = None
        self.plans: list[_Plan] = []  # oldest first; the last is the current one
        self.closure_reason = ""
        self.creator = 0  # worker index of whoever recorded the case
        self.id = 0
        self.ref = ""


class _Plan:
    """A service plan's dates (ordinals, and dates where the store's rules need them)."""

    __slots__ = ("ended", "every", "fixed", "held", "nexts", "number", "start", "unit")

    def __init__(self, start: int, every: int | None, unit: str, fixed: tuple[date, ...]) -> None:
        self.start = start
        self.every = every  # with unit, the review interval; None with fixed dates
        self.unit = unit
        self.fixed = fixed
        self.held: list[date] = []  # the reviews, oldest first
        self.nexts: list[date | None] = []  # the review due after 0, 1, ... of them
        self.ended: int | None = None  # the day the next plan started
        self.number = 0


class _Goal:
    """A goal while its plan is played through, review by review."""

    __slots__ = (
        "actions",
        "author",
        "closed_on",
        "created",
        "from_id",
        "id",
        "last",
        "position",
        "rated",
        "revised",
        "status",
        "text",
        "updated",
        "versions",
    )

    def __init__(
        self, goal_id: int, position: int, text: txt.GoalText, created: int, author: int
    ) -> None:
        self.id = goal_id
        self.position = position
        self.text = text
        self.created = created  # local minute stamp, as in _Case.schedule
        self.author = author  # worker id
        self.updated = created
        self.versions: list[tuple[int, tuple[Any, ...]]] = []  # (id, wording), oldest first
        self.actions: list[_Action] = []
        self.status = "open"
        self.closed_on: int | None = None
        self.from_id: int | None = None  # the goal it was carried over from
        self.rated = 0  # reviews that have rated it
        self.last = ""  # the last rating given
        self.revised = False  # reworded once already (its text has one rewording)

    @property
    def target_on(self) -> int:
        """The current wording's target date (a wording is PlanGoalVersion's columns from
        ``domain`` to ``achievable_note``)."""
        target_on: date = self.versions[-1][1][5]
        return target_on.toordinal()


class _Action:
    """A goal's action; ``status`` is the one it was created with until it is settled."""

    __slots__ = (
        "author",
        "changed",
        "created",
        "due",
        "id",
        "kind",
        "name",
        "note",
        "pro",
        "status",
        "what",
    )

    def __init__(
        self,
        action_id: int,
        what: str,
        owner: tuple[str, str, int | None],
        due: int,
        created: int,
        author: int,
        status: str = "not started",
        note: str = "",
    ) -> None:
        self.id = action_id
        self.what = what
        self.kind, self.name, self.pro = owner  # as PlanAction stores them
        self.due = due
        self.created = created  # local minute stamps
        self.changed: int | None = None
        self.author = author
        self.status = status
        self.note = note


class _GoalPool:
    """The goals a client's plans may set: each area of work in turn, then reshuffled."""

    def __init__(self, rng: random.Random, topics: Sequence[txt.Topic]) -> None:
        self.rng = rng
        per_topic = [rng.sample(txt.GOALS[t.concern], len(txt.GOALS[t.concern])) for t in topics]
        self.all = [g for group in per_topic for g in group]
        self.queue = [g for row in itertools.zip_longest(*per_topic) for g in row if g]

    def _free(self, goals: Sequence[_Goal]) -> list[txt.GoalText]:
        # A goal the plan is still working on is not set a second time.
        taken = {id(g.text) for g in goals if g.status == "open"}
        if not any(id(t) not in taken for t in self.queue):
            self.queue = self.rng.sample(self.all, len(self.all))
        return [t for t in self.queue if id(t) not in taken]

    def has(self, goals: Sequence[_Goal]) -> bool:
        return bool(self._free(goals))

    def take(self, goals: Sequence[_Goal]) -> txt.GoalText | None:
        free = self._free(goals)
        if not free:
            return None
        self.queue.remove(free[0])
        return free[0]


class _Generator:
    """One run of the demo generator (state shared by the planning and writing steps)."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        me: str,
        extra: random.Random,
        chron: random.Random,
        plans: random.Random,
        meetings: random.Random,
        held_in: random.Random,
        added: random.Random,
    ) -> None:
        self.rng = rng
        self.nx = added  # the relatives added to support networks (_write_contacts)
        self.x = extra  # everything added with the case file (contacts, summaries...)
        self.cx = chron  # manual chronology entries and analyses
        self.px = plans  # service plans
        self.mx = meetings  # case conferences
        self.ix = held_in  # which of them held a plan review
        self.today = today
        self.t0 = today.toordinal()
        self.me = me
        self._midnights: dict[int, datetime] = {}  # local midnight as naive UTC, by day
        self._day_text: dict[int, str] = {}
        self._bg_pick = [i for i, bg in enumerate(txt.BACKGROUNDS) for _ in range(bg.weight)]
        self._sql: dict[type[pw.Model], str] = {}

    # -- the whole run ---------------------------------------------------------------------

    def run(self, n_cases: int, notes_per_case: int, n_workers: int) -> dict[str, int]:
        rng = self.rng
        self.workers = self._workers(n_workers)
        towns = rng.sample(txt.TOWNS, min(6, len(txt.TOWNS)))
        self.towns = [
            t for t, w in zip(towns, (40, 20, 15, 10, 10, 5), strict=False) for _ in range(w)
        ]
        plan = self._plan_cases(n_cases, n_workers)
        self._plan_notes(plan, n_cases * notes_per_case)
        self._number(plan)
        self._schedule_plans(plan)
        self._write_people(plan)
        contacts = self._write_contacts(plan)
        professionals = self._write_professionals(plan)
        plans, goals, actions, reviews = self._write_plans(plan)
        conferences, attendees, conference_actions = self._write_conferences(plan)
        self._write_reviews()
        notes, chronology, summaries, versions = self._write_records(plan)
        return {
            "workers": n_workers,
            "clients": len(self.people),
            "cases": len(plan),
            "open": sum(c.status == CaseStatus.OPEN.value for c in plan),
            "closed": sum(c.status == CaseStatus.CLOSED.value for c in plan),
            "referrals": sum(c.status == CaseStatus.REFERRAL.value for c in plan),
            "transferred": sum(len(c.allocs) > 1 for c in plan),
            "notes": notes,
            "chronology": chronology,
            "contacts": contacts,
            "professionals": professionals,
            "summaries": summaries,
            "summary_versions": versions,
            "plans": plans,
            "goals": goals,
            "actions": actions,
            "reviews": reviews,
            "conferences": conferences,
            "attendees": attendees,
            "conference_actions": conference_actions,
            "conference_reviews": len(self.inline),
        }

    # -- workers ---------------------------------------------------------------------------

    def _workers(self, n: int) -> list[tuple[int, str]]:
        """(id, display name) for ``me`` then the others, creating those that are missing."""
        names: list[tuple[str, str]] = [(self.me, display_name_for(self.me))]
        taken = {self.me}
        pool = list(txt.STAFF)
        self.rng.shuffle(pool)
        # Past the named staff, pair first names and surnames until there are enough.
        firsts = [s.split()[0] for s in txt.STAFF]
        lasts = [s.split()[-1] for s in txt.STAFF]
        extra = (
            f"{firsts[i % len(firsts)]} {lasts[(i * 7 + i // len(firsts)) % len(lasts)]}"
            + (f" {i // (len(firsts) * len(lasts)) + 1}" if i >= len(firsts) * len(lasts) else "")
            for i in itertools.count()
        )
        for name in itertools.chain(pool, extra):
            if len(names) >= n:
                break
            username = _username(name)
            if username not in taken:
                taken.add(username)
                names.append((username, name))
        existing = {
            username: (worker_id, display)
            for worker_id, username, display in _tuples(
                Worker.select(_id(Worker), Worker.username, Worker.display_name).where(
                    Worker.username.in_([u for u, _ in names])
                )
            )
        }
        next_id = _next_id(Worker)
        created = datetime.combine(date.fromordinal(self.t0 - SPAN_DAYS), datetime.min.time())
        out: list[tuple[int, str]] = []
        rows = []
        for username, display in names:
            if username in existing:
                out.append(existing[username])
                continue
            # One team, which the demo's own worker supervises (the team view, t, shows it).
            role = "supervisor" if username == self.me else "worker"
            rows.append((next_id, username, display, role, True, created, created, DEMO_TEAM, 0))
            out.append((next_id, display))
            next_id += 1
        self._insert(
            Worker,
            (
                _id(Worker),
                Worker.username,
                Worker.display_name,
                Worker.role,
                Worker.active,
                Worker.created_at,
                Worker.updated_at,
                Worker.team,
                Worker.failed_sign_ins,
            ),
            rows,
        )
        return out

    # -- cases -----------------------------------------------------------------------------

    def _plan_cases(self, n: int, n_workers: int) -> list[_Case]:
        rng = self.rng
        n_ref = round(n * (1 - OPEN_SHARE - CLOSED_SHARE))
        n_closed = round(n * CLOSED_SHARE)
        statuses = (
            [CaseStatus.OPEN.value] * (n - n_ref - n_closed)
            + [CaseStatus.CLOSED.value] * n_closed
            + [CaseStatus.REFERRAL.value] * n_ref
        )
        rng.shuffle(statuses)
        plan = [_Case(s, None) for s in statuses]
        open_ = [c for c in plan if c.status == CaseStatus.OPEN.value]
        closed = [c for c in plan if c.status == CaseStatus.CLOSED.value]
        if n_workers == 1:
            mine_open, mine_closed = len(open_), len(closed)
        else:
            mine_open = min(len(open_), rng.randint(*MY_OPEN_CASES))
            mine_closed = min(len(closed), max(3, round(len(closed) / n_workers)))
        for group, mine in ((open_, mine_open), (closed, mine_closed)):
            for i, case in enumerate(group):
                # Round robin over the others keeps their caseloads even.
                case.worker = 0 if i < mine else 1 + (i - mine) % (n_workers - 1)

        # A few clients come back: an old closed case, then a newer one.
        others = [c for c in plan if c.status != CaseStatus.CLOSED.value]
        n_pairs = min(round(n * REPEAT_CLIENT_SHARE), len(closed), len(others))
        pairs = list(zip(rng.sample(closed, n_pairs), rng.sample(others, n_pairs), strict=True))
        old_cases = {id(old) for old, _ in pairs}
        newer = {id(new) for _, new in pairs}
        for case in plan:
            if id(case) not in old_cases:
                self._date_case(case, cap=4 * 365 if id(case) in newer else SPAN_DAYS)
        for old, new in pairs:
            closed_on = new.opened - rng.randint(30, 400)
            old.closed = closed_on
            old.opened = closed_on - rng.randint(21, min(540, closed_on - (self.t0 - SPAN_DAYS)))
            old.allocs = [(old.opened, old.worker or 0)]

        self.people: list[_Person] = []
        client_of: dict[int, int] = {}
        for old, new in pairs:
            client_of[id(old)] = client_of[id(new)] = len(self.people)
            self.people.append(self._person(old.opened, self._end(new)))
        for case in plan:
            if id(case) not in client_of:
                client_of[id(case)] = len(self.people)
                self.people.append(self._person(case.opened, self._end(case)))
            case.client = client_of[id(case)]

        self._transfers(plan, round(n * TRANSFERRED_SHARE), n_workers)
        for case in plan:
            # A referral is logged by whoever is on duty; other cases by the first worker.
            case.creator = case.allocs[0][1] if case.allocs else rng.randrange(n_workers)
            self._outcome(case)
        return plan

    def _date_case(self, case: _Case, cap: int) -> None:
        """Opening (and closing) dates; recent openings are more likely."""
        rng, t0 = self.rng, self.t0
        if case.status == CaseStatus.REFERRAL.value:
            case.opened = t0 - int(rng.random() ** 1.5 * 45)
            return
        if case.status == CaseStatus.OPEN.value:
            case.opened = t0 - 1 - int(rng.random() ** 2.2 * (cap - 1))
        else:
            age = 30 + int(rng.random() ** 1.3 * (cap - 30))
            case.opened = t0 - age
            longest = min(age - 1, 730)
            case.closed = case.opened + 14 + int(rng.random() ** 1.5 * (longest - 14))
        case.allocs = [(case.opened, case.worker or 0)]

    def _transfers(self, plan: list[_Case], wanted: int, n_workers: int) -> None:
        """Give some cases earlier workers: two allocations, rarely three."""
        if n_workers < 2 or wanted <= 0:
            return
        rng = self.rng
        eligible = [c for c in plan if c.allocs and self._end(c) - c.opened >= 60]
        for case in rng.sample(eligible, min(wanted, len(eligible))):
            start, end = case.opened, self._end(case)
            span = end - start
            if span >= 150 and rng.random() < 0.12:
                first = start + 30 + rng.randrange((span - 37) // 2)
                moves = [first, first + 14 + rng.randrange(max(1, end - 7 - first - 14))]
            else:
                moves = [start + 30 + rng.randrange(span - 37)]
            holders = [case.worker or 0]
            for _ in moves:
                # Anyone but the next holder; may be "me" handing a case on.
                w = rng.randrange(n_workers - 1)
                holders.insert(0, w if w < holders[0] else w + 1)
            case.allocs = list(zip([start, *moves], holders, strict=True))

    def _end(self, case: _Case) -> int:
        return case.closed if case.closed is not None else self.t0

    def _outcome(self, case: _Case) -> None:
        """Next plan review for most open cases (``_schedule_plans`` builds the plan that leads
        there, so its draws here keep the rest of a seed's data); closure reason for closed ones."""
        rng, t0 = self.rng, self.t0
        if case.status == CaseStatus.OPEN.value and rng.random() < REVIEW_SHARE:
            # An overdue review needs a case old enough to have had one due.
            earliest = max(case.allocs[-1][0] + 28, t0 - 60)
            if rng.random() < REVIEW_OVERDUE_SHARE and earliest < t0:
                case.review = rng.randint(earliest, t0 - 1)
            else:
                case.review = t0 + rng.randint(0, 90)
        elif case.status == CaseStatus.CLOSED.value:
            person = self.people[case.client]
            age_at_close = (case.closed or 0) - person.dob if person.dob is not None else None
            if (
                person.child
                and age_at_close is not None
                and age_at_close > 17 * 365
                and (rng.random() < 0.6)
            ):
                case.closure_reason = txt.CLOSURE_REASON_ADULT_SERVICES
            else:
                reasons = txt.CLOSURE_REASONS_CHILD if person.child else txt.CLOSURE_REASONS_ADULT
                case.closure_reason = rng.choices([r for r, _ in reasons], [w for _, w in reasons])[
                    0
                ]

    # -- clients ---------------------------------------------------------------------------

    def _person(self, opened: int, end: int) -> _Person:
        """A client whose case(s) ran from ``opened`` to ``end`` (day ordinals)."""
        rng = self.rng
        p = _Person()
        p.bg = self._bg_pick[int(rng.random() * len(self._bg_pick))]
        bg = txt.BACKGROUNDS[p.bg]
        surname = rng.choice(bg.surnames)
        if rng.random() < 0.04:
            other = rng.choice(txt.BACKGROUNDS[rng.choice(self._bg_pick)].surnames)
            if other != surname and " " not in other + surname:
                surname = f"{surname}-{other}"
        female = rng.random() < 0.5
        p.surname, p.female = surname, female
        first = rng.choice(bg.female if female else bg.male)
        roll = rng.random()
        p.family = roll < 0.03
        p.child = p.family or roll < 0.45
        if p.family:
            p.name = f"The {surname} family"
            kid = rng.choice(
                [n for n in (bg.female if rng.random() < 0.5 else bg.male) if n != first]
            )
            parent = "mother" if female else "father"
            c, fn, rel, fn_full = kid, first, parent, f"{first} {_gendered(surname, female)}"
            age = 8
        else:
            p.name = f"{first} {_gendered(surname, female)}"
            # Born before the case opened; a child throughout it, or an adult when it opened.
            if p.child:
                dob = rng.randint(end - 18 * 365 + 30, opened - 7)
                rel, sex = rng.choice(txt.CHILD_CARERS)
            else:
                dob = self.t0 - int(rng.triangular(18, 96, 38) * 365.25) - rng.randrange(365)
                dob = min(dob, opened - 18 * 365 - rng.randrange(365))
                rel, sex = rng.choice(txt.ADULT_RELATIVES)
            age = (opened - dob) // 365
            fam_bg = bg
            fam_surname = surname
            if rel in ("foster carer", "neighbour", "partner"):
                fam_bg = txt.BACKGROUNDS[rng.choice(self._bg_pick)]
                fam_surname = rng.choice(fam_bg.surnames)
            fem = sex == "f" or (sex == "x" and rng.random() < 0.5)
            names = [n for n in (fam_bg.female if fem else fam_bg.male) if n != first]
            fn = rng.choice(names)
            c, fn_full = first, f"{fn} {_gendered(fam_surname, fem)}"
            if rng.random() > 0.04:
                p.dob = dob
        p.age = age
        p.address, p.town, p.area = self._place(rng)
        roll = rng.random()
        if roll < 0.85:
            p.phone = f"07700 900{rng.randrange(1000):03d}"
        elif roll < 0.94:
            p.phone = f"01632 960{rng.randrange(1000):03d}"

        pros = txt.PROFESSIONAL_ROLES_CHILD if p.child else txt.PROFESSIONAL_ROLES_ADULT
        first_p, last_p = txt.FIRST_FOR_PROFESSIONALS, txt.SURNAMES_FOR_PROFESSIONALS
        p.ctx = {
            "c": c,
            "a": fn if p.child else c,
            "fn": fn,
            "rel": rel,
            "cfull": p.name if not p.family else f"{c} {surname}",
            "fnfull": fn_full,
            "gp": f"Dr {rng.choice(last_p)}",
            "surgery": rng.choice(txt.SURGERY_NAMES),
            "school": rng.choice(txt.SCHOOL_NAMES),
            "teacher": f"{rng.choice(('Ms', 'Mr', 'Mrs', 'Miss'))} {rng.choice(last_p)}",
            "hv": f"{rng.choice(first_p)} {rng.choice(last_p)}",
            "ho": f"{rng.choice(first_p)} {rng.choice(last_p)}",
            "block": f"Flat {rng.randint(1, 40)}, {rng.choice(txt.BLOCKS)}",
        }
        p.ctx["pros"] = "|".join(
            f"{rng.choice(first_p)} {rng.choice(last_p)} ({role})" for role in rng.sample(pros, 3)
        )
        topics = [t for t in txt.TOPICS if t.child == p.child and t.min_age <= age <= t.max_age]
        p.topics = rng.sample(topics, min(len(topics), rng.randint(2, 4)))
        return p

    def _place(self, rng: random.Random) -> tuple[str, str, str]:
        """An address in one of the demo's towns: (address, town, postcode area)."""
        town, area, districts = self.towns[int(rng.random() * len(self.towns))]
        letters = txt.POSTCODE_LETTERS
        postcode = (
            f"{area}{rng.choice(districts)} {rng.randint(1, 9)}"
            f"{rng.choice(letters)}{rng.choice(letters)}"
        )
        street = f"{rng.choice(txt.STREETS)} {rng.choice(txt.STREET_KINDS)}"
        roll = rng.random()
        if roll < 0.12:
            line = f"Flat {rng.randint(1, 60)}, {rng.choice(txt.BLOCKS)}, {street}"
        elif roll < 0.22:
            line = f"Flat {rng.randint(1, 4)}, {rng.randint(1, 180)} {street}"
        else:
            line = f"{rng.randint(1, 220)} {street}"
        return f"{line}, {town} {postcode}", town, area

    # -- notes schedule --------------------------------------------------------------------

    def _plan_notes(self, plan: list[_Case], total: int) -> None:
        """How many notes each case gets and when; sums to about ``total``."""
        rng, t0 = self.rng, self.t0
        held = [c for c in plan if c.allocs]
        weights = []
        for case in held:
            length = self._end(case) - case.opened
            # Young cases have had less time for contact; the rest vary +/-50%.
            weights.append(rng.uniform(0.5, 1.5) * min(1.0, math.sqrt((length + 1) / 90)))
        scale = total / sum(weights) if weights else 0.0
        running = 0.0
        done = 0
        for case, weight in zip(held, weights, strict=True):
            running += weight * scale
            count = round(running) - done
            done += count
            if count <= 0:
                continue
            first = case.opened
            if case.closed is not None:
                last = max(first, case.closed - rng.randint(1, 21))
            elif rng.random() < 0.85:
                last = max(first, t0 - 1 - int(rng.random() ** 1.8 * 13))
            else:
                last = max(first, t0 - rng.randint(15, 70))
            width = last - first + 1
            days = [last] + [first + int(rng.random() * width) for _ in range(count - 1)]
            schedule = []
            for day in days:
                weekday = (day - 1) % 7  # ordinal 1 was a Monday
                if weekday >= 5 and rng.random() < 0.9:
                    shifted = day - (weekday - 4)
                    day = shifted if shifted >= first else day + (7 - weekday)
                    if day > last:
                        day = last
                # 08:30 to 17:25 local, on five-minute marks as people write times.
                schedule.append(day * 1440 + 510 + 5 * int(rng.random() * 108))
            schedule.sort()
            case.schedule = schedule

    def _number(self, plan: list[_Case]) -> None:
        """Ids in date order and references numbered per opening year."""
        plan.sort(key=lambda c: c.opened)  # stable: ties keep their random order
        next_id = _next_id(Case)
        counters: dict[str, int] = dict(
            _tuples(
                Counter.select(Counter.name, Counter.value).where(
                    Counter.name.startswith("case_ref:")
                )
            )
        )
        taken = {ref for (ref,) in _tuples(Case.select(Case.ref))}
        self.counters: dict[int, int] = {}
        for case in plan:
            year = date.fromordinal(case.opened).year
            seq = self.counters.get(year, counters.get(f"case_ref:{year}", 0))
            while True:
                seq += 1
                ref = f"CL-{year}-{seq:04d}"
                if ref not in taken:
                    break
            self.counters[year] = seq
            case.ref = ref
            case.id = next_id
            next_id += 1
        self.existing_counters = counters

    # -- writing ---------------------------------------------------------------------------

    def _write_people(self, plan: list[_Case]) -> None:
        """Clients, cases, allocations and counters (everything notes refer to)."""
        workers = self.workers
        first_case: dict[int, _Case] = {}
        for case in plan:
            first_case.setdefault(case.client, case)
        order = sorted(first_case, key=lambda k: first_case[k].id)
        client_id = _next_id(Client)
        self.client_ids: dict[int, int] = {}
        clients = []
        self.client_order = order
        for k in order:
            p = self.people[k]
            case = first_case[k]
            at = self._stamp(case.opened * 1440 + 540)
            self.client_ids[k] = client_id
            p.language = self._language(p)
            clients.append(
                (
                    client_id,
                    p.name,
                    fold(p.name),
                    date.fromordinal(p.dob) if p.dob is not None else None,
                    p.address,
                    p.phone,
                    p.language,
                    self._identifiers(p),
                    at,
                    at,
                    workers[case.creator][0],
                    1,
                )
            )
            client_id += 1
        self._insert(
            Client,
            (
                _id(Client),
                Client.name,
                Client.name_key,
                Client.date_of_birth,
                Client.address,
                Client.phone,
                Client.language,
                Client.identifiers,
                Client.created_at,
                Client.updated_at,
                Client.created_by,
                Client.version,
            ),
            clients,
        )

        alloc_id = _next_id(Allocation)
        self.referrers: dict[int, str] = {}  # case id -> who referred, as closing summaries say
        self.alloc_ids: dict[int, list[int]] = {}
        self.alloc_reasons: dict[int, list[str]] = {}
        cases, allocs = [], []
        rng = self.rng
        for case in plan:
            p = self.people[case.client]
            created = self._stamp(case.opened * 1440 + 540)
            ids = []
            reasons: list[str] = []
            for i, (start, w) in enumerate(case.allocs):
                ended = case.allocs[i + 1][0] if i + 1 < len(case.allocs) else None
                reason = "" if i == 0 else rng.choice(txt.TRANSFER_REASONS)
                reasons.append(reason)
                allocs.append(
                    (
                        alloc_id,
                        case.id,
                        workers[w][0],
                        date.fromordinal(start),
                        date.fromordinal(ended) if ended is not None else None,
                        reason,
                        self._stamp(start * 1440 + 560),
                        workers[w][0],
                    )
                )
                ids.append(alloc_id)
                alloc_id += 1
            self.alloc_ids[case.id] = ids
            self.alloc_reasons[case.id] = reasons
            last = self._stamp(case.schedule[-1]) if case.schedule else None
            summary = self._closing_summary(case, p) if case.closed is not None else ""
            updated = max(created, last or created)
            cases.append(
                (
                    case.id,
                    case.ref,
                    self.client_ids[case.client],
                    case.status,
                    workers[case.allocs[-1][1]][0] if case.allocs else None,
                    date.fromordinal(case.allocs[-1][0]) if case.allocs else None,
                    date.fromordinal(case.opened),
                    date.fromordinal(case.closed) if case.closed is not None else None,
                    case.closure_reason,
                    summary,
                    last,
                    case.plans[-1].nexts[-1] if case.plans else None,
                    bool(case.plans),
                    created,
                    updated,
                    workers[case.creator][0],
                    1,
                    False,  # restricted: none in the demo
                    "",
                    "",
                    0,  # referrals to escalate: counted by store.demo.referrals
                )
            )
        self._insert(
            Case,
            (
                _id(Case),
                Case.ref,
                Case.client,
                Case.status,
                Case.worker,
                Case.allocated_on,
                Case.opened_on,
                Case.closed_on,
                Case.closure_reason,
                Case.closing_summary,
                Case.last_contact_at,
                Case.next_review_on,
                Case.has_plan,
                Case.created_at,
                Case.updated_at,
                Case.created_by,
                Case.version,
                Case.restricted,
                Case.restricted_to,
                Case.restriction_reason,
                Case.referrals_to_escalate,
            ),
            cases,
        )
        self._insert(
            Allocation,
            (
                _id(Allocation),
                Allocation.case,
                Allocation.worker,
                Allocation.allocated_on,
                Allocation.ended_on,
                Allocation.reason,
                Allocation.created_at,
                Allocation.created_by,
            ),
            allocs,
        )

        for year, seq in sorted(self.counters.items()):
            name = f"case_ref:{year}"
            if name in self.existing_counters:
                Counter.update(value=pw.fn.MAX(Counter.value, seq)).where(
                    Counter.name == name
                ).execute()
            else:
                Counter.insert(name=name, value=seq).execute()

    def _closing_summary(self, case: _Case, p: _Person) -> str:
        rng = self.rng
        closed = case.closed or self.t0
        months = max(1, round((closed - case.opened) / 30.4))
        concerns = [t.concern for t in p.topics]
        ctx = dict(
            p.ctx,
            agency=rng.choice(txt.AGENCIES),
            d=self._long_day(closed - rng.randint(3, 20)),
        )
        outcome = txt.CLOSING_OUTCOMES[case.closure_reason].format_map(ctx)
        referrer = self.referrers[case.id] = rng.choice(txt.REFERRERS)
        text = (
            f"{p.name} was referred on {self._long_day(case.opened)} by "
            f"{referrer} because of {concerns[0]}. Over "
            f"{plural(months, 'month')} the work focused on: {'; '.join(concerns)}. {outcome}"
        )
        if case.closure_reason in ("Goals achieved", "Stepped down to early help"):
            text += (
                f"\n\nClosing review with {p.ctx['a']}: knows how to contact "
                f"{ctx['agency']} and {p.ctx['surgery']} directly; {p.ctx['fn']} remains "
                "the main support."
            )
        return text

    def _write_records(self, plan: list[_Case]) -> tuple[int, int, int, int]:
        """Notes, chronology and case summaries, streamed in batches so memory stays flat.

        Returns the numbers of notes, chronology entries, summarised cases and summary versions.
        """
        rng = self.rng
        r = rng.random
        x = self.x.random
        workers = self.workers
        note_id = _next_id(Note)
        chron_id = _next_id(ChronologyEntry)
        note_fields = (
            _id(Note),
            Note.case,
            Note.author,
            Note.contact_at,
            Note.note_type,
            Note.present,
            Note.body,
            Note.significant,
            Note.chronology_title,
            Note.follow_up_on,
            Note.status,
            Note.draft_state,
            Note.finalised_at,
            Note.created_at,
            Note.updated_at,
            Note.version,
        )
        chron_fields = (
            _id(ChronologyEntry),
            ChronologyEntry.case,
            ChronologyEntry.allocation,
            ChronologyEntry.occurred_on,
            ChronologyEntry.category,
            ChronologyEntry.title,
            ChronologyEntry.details,
            ChronologyEntry.source_kind,
            ChronologyEntry.source_id,
            ChronologyEntry.created_at,
            ChronologyEntry.created_by,
            ChronologyEntry.source_of_information,
            ChronologyEntry.analysis,
            ChronologyEntry.version,
            ChronologyEntry.updated_at,
        )
        type_pick = [
            t for t, w in zip(txt.NOTE_TYPES, txt.NOTE_TYPE_WEIGHTS, strict=True) for _ in range(w)
        ]
        n_types = len(type_pick)
        summary_id = _next_id(SummaryVersion)
        summary_fields = (
            _id(SummaryVersion),
            SummaryVersion.case,
            SummaryVersion.body,
            SummaryVersion.author,
            SummaryVersion.created_at,
        )
        notes: list[tuple[Any, ...]] = []
        chron: list[tuple[Any, ...]] = []
        summaries: list[tuple[Any, ...]] = []
        n_notes = n_chron = n_summarised = n_versions = 0
        batch = BATCH_ROWS
        day = self._day
        stamp = self._stamp
        for case in plan:
            p = self.people[case.client]
            ctx = dict(p.ctx)
            pros = ctx.pop("pros").split("|")
            # Sentences that fit each kind of contact: anything, in person, at home.
            pools = _routine_pools(p.topics)
            events = [(t, e) for t in p.topics for e in t.events]
            alloc_ids = self.alloc_ids[case.id]
            # (ordinal, priority, row without id): sorted so the allocation comes first.
            entries: list[tuple[int, int, tuple[Any, ...]]] = []
            if case.status == CaseStatus.REFERRAL.value:
                by = f"Referral from {rng.choice(txt.REFERRERS)} about {p.topics[0].concern}."
                entries.append(
                    (
                        case.opened,
                        0,
                        (
                            None,
                            date.fromordinal(case.opened),
                            "referral",
                            "Referral received",
                            by,
                            "status",
                            None,
                            stamp(case.opened * 1440 + 540),
                            workers[case.creator][0],
                            "",
                            "",
                        ),
                    )
                )
            prev_name = ""
            for i, (start, w) in enumerate(case.allocs):
                wid, wname = workers[w]
                if i == 0:
                    title, kind = f"Case allocated to {wname}", "allocation"
                    details = ""
                else:
                    title, kind = f"Case transferred from {prev_name} to {wname}", "transfer"
                    details = f"Reason: {self.alloc_reasons[case.id][i]}."
                entries.append(
                    (
                        start,
                        0,
                        (
                            alloc_ids[i],
                            date.fromordinal(start),
                            "allocation",
                            title,
                            details,
                            kind,
                            alloc_ids[i],
                            stamp(start * 1440 + 560),
                            wid,
                            "",
                            "",
                        ),
                    )
                )
                prev_name = wname
            if case.closed is not None:
                entries.append(
                    (
                        case.closed,
                        2,
                        (
                            alloc_ids[-1],
                            date.fromordinal(case.closed),
                            "status",
                            "Case closed",
                            case.closure_reason,
                            "status",
                            None,
                            stamp(case.closed * 1440 + 900),
                            workers[case.allocs[-1][1]][0],
                            "",
                            "",
                        ),
                    )
                )

            used_titles: set[str] = set()
            k = 0  # current allocation while walking the notes in time order
            allocs = case.allocs
            for when in case.schedule:
                o = when // 1440
                while k + 1 < len(allocs) and allocs[k + 1][0] <= o:
                    k += 1
                wid, wname = workers[allocs[k][1]]
                ctx["d"] = day(o - 1 - int(r() * 6))
                follow_up = o + 2 + int(r() * 12)
                ctx["fd"] = day(follow_up)
                ctx["t"] = _TIMES[int(r() * len(_TIMES))]
                ctx["at"] = f"{when % 1440 // 60}:{when % 60:02d}"
                ctx["n"] = str(2 + int(r() * 3))
                ctx["pct"] = str(55 + int(r() * 40))
                ctx["amt"] = f"£{15 + r() * 180:.2f}"
                ctx["arrears"] = f"£{(18 + int(r() * 430)) * 10:,}"
                ctx["agency"] = txt.AGENCIES[int(r() * len(txt.AGENCIES))]
                ctx["hagency"] = txt.HOUSING_AGENCIES[int(r() * len(txt.HOUSING_AGENCIES))]
                prof = pros[int(r() * 3)]
                ctx["prof"] = prof
                significant = r() < SIGNIFICANT_SHARE and bool(events)
                short_note = False
                if significant:
                    note_type = _SIGNIFICANT_TYPES[int(r() * len(_SIGNIFICANT_TYPES))]
                    # The same event twice in one case reads as a copying error: step on to
                    # the next one not yet used (no extra draw, so the rest stays the same).
                    pick = int(r() * len(events))
                    for step in range(len(events)):
                        if events[(pick + step) % len(events)][1][0] not in used_titles:
                            pick = (pick + step) % len(events)
                            break
                    topic, (title, event) = events[pick]
                    used_titles.add(title)
                    details = event.format_map(ctx)
                    opener = txt.OPENERS[note_type]
                    head = opener[int(r() * len(opener))].format_map(ctx)
                    body = f"{head} {details}" if head else details
                else:
                    note_type = type_pick[int(r() * n_types)]
                    short = txt.SHORT_NOTES.get(note_type)
                    if short and (note_type in _SHORT_ONLY or r() < 0.25):
                        body = short[int(r() * len(short))].format_map(ctx)
                        short_note = True
                    else:
                        short_note = False
                        opener = txt.OPENERS[note_type]
                        parts = [opener[int(r() * len(opener))]]
                        routine = pools[_POOL_OF_TYPE.get(note_type, 0)]
                        n_routine = len(routine)
                        first = int(r() * n_routine)
                        parts.append(routine[first])
                        extra = int(r() * r() * 3)
                        for _ in range(extra):
                            nxt = int(r() * n_routine)
                            if nxt != first:
                                parts.append(routine[nxt])
                        if r() < 0.6:
                            parts.append(txt.FOLLOW_UPS[int(r() * len(txt.FOLLOW_UPS))])
                        body = " ".join(s for s in parts if s).format_map(ctx)
                if not short_note and r() < 0.12:
                    second = txt.SECOND_PARAGRAPHS[int(r() * len(txt.SECOND_PARAGRAPHS))]
                    body = f"{body}\n\n{second.format_map(ctx)}"
                present = ""
                if note_type in txt.PRESENT_TYPES:
                    present = self._present(note_type, p, ctx, wname, prof)
                contact = stamp(when)
                final = contact + timedelta(minutes=20 + int(r() * 240))
                # A follow-up date is set on some of the notes that name one, never after the
                # case closed.
                follow_up_on = None
                if (
                    ctx["fd"] in body
                    and (case.closed is None or follow_up <= case.closed)
                    and x() < FOLLOW_UP_SHARE
                ):
                    follow_up_on = date.fromordinal(follow_up)
                notes.append(
                    (
                        note_id,
                        case.id,
                        wid,
                        contact,
                        note_type,
                        present,
                        body,
                        significant,
                        title if significant else "",
                        follow_up_on,
                        "final",
                        "",
                        final,
                        final,
                        final,
                        1,
                    )
                )
                if significant:
                    entries.append(
                        (
                            o,
                            1,
                            (
                                alloc_ids[k],
                                date.fromordinal(o),
                                topic.category,
                                title,
                                details,
                                "note",
                                note_id,
                                final,
                                wid,
                                "",
                                self._automatic_analysis(ctx),
                            ),
                        )
                    )
                note_id += 1
                if len(notes) >= batch:
                    self._insert(Note, note_fields, notes)
                    n_notes += len(notes)
                    notes = []
            entries.extend(self._manual_entries(case, p, used_titles))
            entries.extend(self.plan_entries.pop(case.id, ()))
            entries.extend(self.conference_entries.pop(case.id, ()))
            entries.sort(key=lambda e: (e[0], e[1]))
            for _, _, row in entries:
                chron.append((chron_id, case.id, *row, 1, None))
                chron_id += 1
            if len(chron) >= batch:
                self._insert(ChronologyEntry, chron_fields, chron)
                n_chron += len(chron)
                chron = []
            versions = self._summaries(case, p, pros, entries)
            n_summarised += bool(versions)
            for when, author, text in versions:
                summaries.append((summary_id, case.id, text, author, stamp(when)))
                summary_id += 1
            if len(summaries) >= batch:
                self._insert(SummaryVersion, summary_fields, summaries)
                n_versions += len(summaries)
                summaries = []
        self._insert(Note, note_fields, notes)
        self._insert(ChronologyEntry, chron_fields, chron)
        self._insert(SummaryVersion, summary_fields, summaries)
        n_versions += len(summaries)
        return n_notes + len(notes), n_chron + len(chron), n_summarised, n_versions

    def _automatic_analysis(self, ctx: dict[str, str]) -> str:
        """An analysis for some significant notes' entries (blank for most)."""
        cx = self.cx
        if cx.random() >= AUTOMATIC_ANALYSIS_SHARE:
            return ""
        return cx.choice(txt.AUTOMATIC_ANALYSES).format_map(ctx)

    def _manual_entries(
        self, case: _Case, p: _Person, taken: set[str]
    ) -> list[tuple[int, int, tuple[Any, ...]]]:
        """Entries a worker added by hand, for about MANUAL_CHRONOLOGY_SHARE of held cases.

        Dated within the case's life (after it opened, before it closed or today), each
        recorded by whoever held the case that day, under that allocation.
        """
        cx = self.cx
        if not case.allocs or cx.random() >= MANUAL_CHRONOLOGY_SHARE:
            return []
        first, last = case.opened + 1, min(self._end(case), self.t0) - 1
        # Not an event a significant note already put in this chronology.
        pool = [e for e in txt.MANUAL_EVENTS if e.child == p.child and e.title not in taken]
        hospitals = [h for h in txt.HOSPITALS if p.child or "Children" not in h]
        if last < first or not pool:
            return []
        # Longer cases gather more: about one entry a season, at random, up to the maximum.
        most = max(1, min(MANUAL_CHRONOLOGY_MAX, 1 + (last - first) // 91))
        wanted = cx.randint(1, most)
        chosen = cx.sample(pool, min(wanted, len(pool)))
        days = sorted(cx.randint(first, last) for _ in chosen)
        ctx = dict(p.ctx)
        ctx.pop("pros", None)
        alloc_ids = self.alloc_ids[case.id]
        out: list[tuple[int, int, tuple[Any, ...]]] = []
        for event, o in zip(chosen, days, strict=True):
            ctx["pc"] = str(cx.randint(1000, 9999))
            ctx["hospital"] = cx.choice(hospitals)
            ctx["court"] = cx.choice(txt.COURTS)
            ctx["days"] = str(cx.randint(2, 5))
            ctx["pct"] = str(cx.randint(62, 79))
            k = max(i for i, (start, _) in enumerate(case.allocs) if start <= o)
            analysis = ""
            if cx.random() < MANUAL_ANALYSIS_SHARE:
                analysis = cx.choice(event.analyses).format_map(ctx)
            # Written up at the end of the working day the news arrived.
            minute = 960 + 5 * cx.randrange(18)
            out.append(
                (
                    o,
                    1,
                    (
                        alloc_ids[k],
                        date.fromordinal(o),
                        event.category,
                        event.title.format_map(ctx),
                        event.details.format_map(ctx),
                        "manual",
                        None,
                        self._stamp(o * 1440 + minute),
                        self.workers[case.allocs[k][1]][0],
                        cx.choice(event.sources).format_map(ctx),
                        analysis,
                    ),
                )
            )
        return out

    def _present(
        self, note_type: str, p: _Person, ctx: dict[str, str], worker: str, prof: str
    ) -> str:
        client = f"{ctx['cfull']} (child)" if p.child else f"{ctx['cfull']} (client)"
        people = [client]
        if note_type != "video call" or p.child:
            people.append(f"{ctx['fnfull']} ({ctx['rel']})")
        people.append(f"{worker} (social worker)")
        if note_type == "meeting":
            people.append(prof)
        return "; ".join(people)

    # -- the case file: client details, support network, professionals, summaries ----------

    def _language(self, p: _Person) -> str:
        """The language a client prefers, if not English (most clients: blank)."""
        languages, share = txt.LANGUAGES[p.bg]
        if languages and self.x.random() < share:
            return self.x.choice(languages)
        return ""

    def _identifiers(self, p: _Person) -> str:
        """Other agencies' numbers for about IDENTIFIER_SHARE of clients, on one line."""
        x = self.x
        if x.random() >= IDENTIFIER_SHARE:
            return ""
        if p.family:
            return f"UPN {_upn(x)} ({p.ctx['c']})"
        parts = []
        if not p.child or p.age < 4 or x.random() < 0.5:
            parts.append(f"NHS {_nhs_number(x)}")
        if p.child and p.age >= 4:
            parts.append(f"UPN {_upn(x)}")
        if not p.child and x.random() < 0.35:
            # QQ is the prefix never issued for National Insurance numbers.
            parts.append(
                f"NI QQ {x.randrange(100):02d} {x.randrange(100):02d} "
                f"{x.randrange(100):02d} {x.choice('ABCD')}"
            )
        return "; ".join(parts)

    def _write_contacts(self, plan: list[_Case]) -> int:
        """Support networks: 1-5 people per client, family named like the client.

        The relative the notes, the summaries and the plans' actions talk about (a family's
        parent) is always one of them, so a reader meets no one in the records who is missing
        from the network. The network is first drawn as it always was (and the owners, reviews
        and meetings drawn later see it so: the rest of a seed's data stays as it was); then
        that relative takes the place of someone drawn with the same family relationship, or
        joins at the front, their details from a stream of their own."""
        x, nx = self.x, self.nx
        workers = self.workers
        first_case: dict[int, _Case] = {}
        for case in plan:
            first_case.setdefault(case.client, case)
        contact_id = _next_id(Contact)
        rows: list[tuple[Any, ...]] = []
        self.networks: dict[int, list[tuple[str, str]]] = {}  # client -> (name, relationship)
        self.contact_ids: dict[int, list[int]] = {}  # client -> ids, in networks' order
        # client -> ((name, relationship), contact id) as first drawn, and whether the main
        # relative was among them: what the later draws see (_owner, _review, _conference).
        self.drawn_networks: dict[int, list[tuple[tuple[str, str], int]]] = {}
        self.main_drawn: dict[int, bool] = {}
        notes_for_child = txt.CONTACT_NOTES + txt.CONTACT_NOTES_CHILD
        notes_for_adult = txt.CONTACT_NOTES + txt.CONTACT_NOTES_ADULT
        for k in self.client_order:
            p = self.people[k]
            case = first_case[k]
            ctx = p.ctx
            main = (ctx["fnfull"], ctx["rel"])
            # A child's carer (a family's parent) lives with the client.
            main_lives_with = p.child or ctx["rel"] in ("husband", "wife")
            wanted = x.choices((0, 1, 2, 3, 4), (10, 30, 30, 20, 10))[0]
            at = self._stamp(case.opened * 1440 + 560)
            # (name, relationship, lives with client, drawn here rather than from x)
            people: list[tuple[str, str, bool, bool]] = []
            if wanted:
                taken = {ctx["c"], ctx["fn"]}
                if not p.family and x.random() < 0.85:
                    people.append((*main, main_lives_with, False))
                pool = txt.CHILD_NETWORK if p.child else txt.ADULT_NETWORK
                used = {ctx["rel"]} if people else set()
                for _ in range(12):
                    if len(people) >= wanted:
                        break
                    rel, sex = x.choice(pool)
                    if rel in used and rel in txt.FAMILY_RELATIONSHIPS:
                        continue  # one mother, one grandfather...
                    if not p.child and (
                        (rel == "mother" and p.age > 70)
                        or (rel in ("son", "daughter") and p.age < 36)
                    ):
                        continue
                    female = sex == "f" or (sex == "x" and x.random() < 0.5)
                    if rel in txt.FAMILY_RELATIONSHIPS:
                        bg, surname = txt.BACKGROUNDS[p.bg], p.surname
                    else:
                        bg = txt.BACKGROUNDS[self._bg_pick[int(x.random() * len(self._bg_pick))]]
                        surname = x.choice(bg.surnames)
                    first = x.choice(bg.female if female else bg.male)
                    if first in taken:
                        continue
                    taken.add(first)
                    used.add(rel)
                    people.append((f"{first} {_gendered(surname, female)}", rel, False, False))
            drawn = len(people)
            main_drawn = any((n, r) == main for n, r, _, _ in people)
            if not main_drawn:
                same = next(
                    (
                        i
                        for i, (_, r, _, _) in enumerate(people)
                        if r == main[1] and r in txt.FAMILY_RELATIONSHIPS
                    ),
                    None,
                )
                if same is not None:
                    people[same] = (*main, people[same][2], False)
                else:
                    people.insert(0, (*main, main_lives_with, True))
            ids = list(range(contact_id, contact_id + len(people)))
            self.networks[k] = [(name, rel) for name, rel, _, _ in people]
            self.contact_ids[k] = ids
            self.drawn_networks[k] = [
                ((name, rel), i)
                for (name, rel, _, own), i in zip(people, ids, strict=True)
                if not own
            ]
            assert len(self.drawn_networks[k]) == drawn
            self.main_drawn[k] = main_drawn
            for name, rel, lives_with, own in people:
                r = nx if own else x
                roll = r.random()
                if roll < 0.85:
                    phone = f"07700 900{r.randrange(1000):03d}"
                elif roll < 0.93:
                    phone = f"01632 960{r.randrange(1000):03d}"
                else:
                    phone = ""
                if lives_with:
                    address = p.address
                elif r.random() < 0.3:
                    address = self._place(r)[0]
                else:
                    address = ""
                if (name, rel) == main and main_lives_with:
                    address = p.address
                notes = ""
                if r.random() < 0.35:
                    choices = notes_for_child if p.child else notes_for_adult
                    if p.language and rel in txt.FAMILY_RELATIONSHIPS:
                        choices = (*choices, txt.CONTACT_NOTES_LANGUAGE)
                    notes = r.choice(choices).format(c=ctx["c"], language=p.language)
                rows.append(
                    (
                        contact_id,
                        self.client_ids[k],
                        name,
                        rel,
                        phone,
                        address,
                        notes,
                        at,
                        at,
                        workers[case.creator][0],
                        None,
                        1,
                    )
                )
                contact_id += 1
        self._insert(
            Contact,
            (
                _id(Contact),
                Contact.client,
                Contact.name,
                Contact.relationship,
                Contact.phone,
                Contact.address,
                Contact.notes,
                Contact.created_at,
                Contact.updated_at,
                Contact.created_by,
                Contact.removed_at,
                Contact.version,
            ),
            rows,
        )
        return len(rows)

    def _write_professionals(self, plan: list[_Case]) -> int:
        """1-5 professionals per case, drawn from the people its notes mention."""
        x, t0 = self.x, self.t0
        workers = self.workers
        first_p, last_p = txt.FIRST_FOR_PROFESSIONALS, txt.SURNAMES_FOR_PROFESSIONALS
        professional_id = _next_id(Professional)
        rows: list[tuple[Any, ...]] = []
        # case id -> (id, name, agency, role, started, ended), for plan actions and reviews
        self.professionals: dict[int, list[tuple[int, str, str, str, int | None, int | None]]] = {}
        for case in plan:
            p = self.people[case.client]
            ctx = p.ctx
            council = txt.COUNCILS.get(
                p.town, txt.COUNCILS.get(f"{p.town} {p.area}", f"{p.town} City Council")
            )
            places = {"surgery": ctx["surgery"], "school": ctx["school"], "council": council}
            candidates = [(f"Dr {x.choice(first_p)} {ctx['gp'].removeprefix('Dr ')}", "GP")]
            for entry in ctx["pros"].split("|"):
                name, role = entry.removesuffix(")").split(" (", 1)
                candidates.append((name, role))
            if p.child:
                if p.age < 5:
                    candidates.append((ctx["hv"], "health visitor"))
                if 4 <= p.age <= 16:
                    candidates.append((ctx["teacher"], "class teacher"))
                    candidates.append((f"{x.choice(first_p)} {x.choice(last_p)}", "SENCo"))
            else:
                candidates.append((ctx["ho"], "housing officer"))
                candidates.append((f"{x.choice(first_p)} {x.choice(last_p)}", "DWP work coach"))
            wanted = x.choices((1, 2, 3, 4, 5), (10, 25, 30, 20, 15))[0]
            end = self._end(case)
            for name, role in x.sample(candidates, min(wanted, len(candidates))):
                agency_text, kind = txt.PROFESSIONAL_AGENCIES[role]
                agency = agency_text.format_map(places)
                started: int | None
                ended: int | None = None
                if role == "GP":
                    started = case.opened - x.randint(180, 3650)  # registered long before
                elif role == "class teacher":
                    # Teachers change each September; the one who taught during the case.
                    d = date.fromordinal(case.opened + int(x.random() * (end - case.opened)))
                    year = d.year if d.month >= 9 else d.year - 1
                    started = date(year, 9, 1).toordinal()
                    ended = date(year + 1, 7, 20).toordinal()
                else:
                    started = (
                        case.opened + int(x.random() * (end - case.opened) * 0.6) - x.randint(0, 45)
                    )
                    roll = x.random()
                    if roll < PROFESSIONAL_ENDED_SHARE:
                        ended = started + x.randint(28, 400)
                        if ended >= end:
                            ended = None  # still involved when the case closed, or now
                    elif case.closed is None and roll < PROFESSIONAL_ENDED_SHARE + 0.03:
                        ended = t0 + x.randint(7, 60)  # involvement planned to end soon
                if x.random() < 0.08:
                    started = None  # nobody wrote down when
                self.professionals.setdefault(case.id, []).append(
                    (professional_id, name, agency, role, started, ended)
                )
                rows.append(
                    (
                        professional_id,
                        case.id,
                        name,
                        agency,
                        role,
                        self._office_phone(p, kind),
                        self._email(name, kind, agency, p),
                        date.fromordinal(started) if started is not None else None,
                        date.fromordinal(ended) if ended is not None else None,
                        self._stamp(case.opened * 1440 + 580),
                        self._stamp(case.opened * 1440 + 580),
                        workers[case.creator][0],
                        None,
                        1,
                    )
                )
                professional_id += 1
        self._insert(
            Professional,
            (
                _id(Professional),
                Professional.case,
                Professional.name,
                Professional.agency,
                Professional.role,
                Professional.phone,
                Professional.email,
                Professional.started_on,
                Professional.ended_on,
                Professional.created_at,
                Professional.updated_at,
                Professional.created_by,
                Professional.removed_at,
                Professional.version,
            ),
            rows,
        )
        return len(rows)

    def _office_phone(self, p: _Person, kind: str) -> str:
        """A number in Ofcom's drama range for the client's town; some workers' mobiles."""
        x = self.x
        roll = x.random()
        if roll < 0.05:
            return ""
        if roll < 0.3 and kind not in ("gp", "school"):
            return f"07700 900{x.randrange(1000):03d}"
        prefix = txt.DRAMA_PHONE_PREFIXES.get(p.town)
        if prefix is None:
            return f"01632 960{x.randrange(1000):03d}"
        return f"{prefix}{x.randrange(1000):03d}"

    def _email(self, name: str, kind: str, agency: str, p: _Person) -> str:
        """A work address on a reserved .example domain, for most professionals."""
        if self.x.random() < 0.15:
            return ""
        parts = [_slug(w) for w in name.split() if w not in ("Dr", "Ms", "Mr", "Mrs", "Miss")]
        local = f"{parts[0][:1]}.{parts[-1]}" if len(parts) > 1 else parts[-1]
        if kind == "gp":
            domain = f"{_slug(agency)}.nhs.example"
        elif kind == "school":
            domain = f"{_slug(agency)}.sch.example"
        elif kind == "nhs":
            domain = f"{_slug(p.town)}.nhs.example"
        elif kind in ("council", "housing"):
            # "Leeds City Council Housing" -> leeds, "City of Edinburgh Council" -> edinburgh
            place = agency.split(" Council")[0].removeprefix("City of ")
            domain = f"{_slug(place.removesuffix(' City').removesuffix(' Borough'))}.gov.example"
        else:
            domain = kind
        return f"{local}@{domain}"

    def _summaries(
        self,
        case: _Case,
        p: _Person,
        pros: list[str],
        entries: list[tuple[int, int, tuple[Any, ...]]],
    ) -> list[tuple[int, int, str]]:
        """Versions of the case summary as (local minute stamp, author id, Markdown).

        Every closed case has one (the last version written the day it closed); most open
        cases older than three weeks do, a quarter of those old enough last updated more than
        three months ago, which the UI flags.
        """
        x, t0 = self.x, self.t0
        if not case.allocs:
            return []
        if case.closed is None:
            age = t0 - case.opened
            if age < 21 or x.random() >= SUMMARY_SHARE:
                return []
            if age >= 120 and x.random() < STALE_SUMMARY_SHARE:
                newest = t0 - x.randint(95, min(age - 14, 400))
            else:
                newest = t0 - x.randint(1, min(80, age - 14))
            newest -= max(0, (newest - 1) % 7 - 4)  # a weekday: back to the Friday
        else:
            newest = case.closed
        days = [newest]
        for _ in range(x.randint(1, 4) - 1):
            earlier = days[-1] - x.randint(60, 120)
            if earlier < case.opened + 14:
                break
            days.append(earlier - max(0, (earlier - 1) % 7 - 4))
        days.reverse()

        ctx = dict(p.ctx)
        ctx.pop("pros", None)
        ctx["prof"] = pros[0]
        ctx["language"] = p.language
        referrer = self.referrers.get(case.id) or x.choice(txt.REFERRERS)
        aged = ""
        if p.dob is not None and not p.family:
            aged = f" (aged {(case.opened - p.dob) // 365} at referral)"
        concerns = [t.concern for t in p.topics]
        household = (
            txt.SUMMARY_HOUSEHOLD_FAMILY
            if p.family
            else txt.SUMMARY_HOUSEHOLD_CHILD
            if p.child
            else txt.SUMMARY_HOUSEHOLD_ADULT
        ).format_map(ctx)
        background = (
            f"{p.name}{aged} was referred on {self._long_day(case.opened)} by {referrer} "
            f"because of {concerns[0]}. {household}"
        )
        if p.language:
            who = "The family's" if p.child else f"{ctx['a']}'s"
            background += (
                f" {who} first language is {p.language}; an interpreter is booked for visits."
            )
        if len(concerns) > 1:
            background += f"\n\nOther areas of work: {'; '.join(concerns[1:])}."
        allocated = self._long_day(case.allocs[0][0])

        out: list[tuple[int, int, str]] = []
        for i, o in enumerate(days):
            last = i == len(days) - 1
            closing = last and case.closed is not None
            ctx["d"] = self._long_day(max(case.opened, o - x.randint(3, 20)))
            ctx["fd"] = self._long_day(o + x.randint(3, 14))
            ctx["agency"] = x.choice(txt.AGENCIES)
            events = [
                f"- {self._long_day(e_o)}: {row[3]}."
                for e_o, priority, row in entries
                if e_o <= o and priority < 2 and row[5] != "allocation"
            ][-6:]
            seen = bisect.bisect_right(case.schedule, o * 1440 + 1439)
            events.append(f"- {plural(seen, 'contact')} recorded since allocation on {allocated}.")
            if closing:
                outcome = txt.CLOSING_OUTCOMES[case.closure_reason].format_map(ctx)
                position = f"Case closed on {self._long_day(o)}: {case.closure_reason}. {outcome}"
            else:
                position = (
                    f"Work continues on {concerns[0]}. "
                    f"{x.choice(txt.SUMMARY_POSITION).format_map(ctx)}"
                )
                due = self._review_due(case, o)
                if due is not None and due < o:
                    position += f" The plan review due on {self._long_day(due)} is overdue."
                elif due is not None:
                    position += f" Next review due {self._long_day(due)}."
            sections = [
                f"## Background\n\n{background}",
                "## Progress\n\n" + "\n".join(events),
                f"## Current position\n\n{position}",
            ]
            if not closing:
                steps = x.sample(txt.SUMMARY_NEXT_STEPS, 2 + int(x.random() * 2))
                sections.append(
                    "## Next steps\n\n" + "\n".join(f"- {s.format_map(ctx)}" for s in steps)
                )
            # Written by whoever held the case that day, in the afternoon of a closing day
            # (before the closure is recorded at 15:00).
            holder = [w for start, w in case.allocs if start <= o][-1]
            minute = 840 if closing else 600 + 5 * int(x.random() * 80)
            out.append((o * 1440 + minute, self.workers[holder][0], "\n\n".join(sections) + "\n"))
        return out

    # -- service plans ---------------------------------------------------------------------

    def _schedule_plans(self, plan: list[_Case]) -> None:
        """When each case's plans started, how they are reviewed and when reviews were held.

        An open case's current plan is built back from the next review ``_outcome`` drew (a
        plan reviewed more often than quarterly falls due proportionally sooner), so the share
        that is overdue is set there; a closed case's plan stops at the closure, kept as it
        was. A plan starting months after the case opened often followed an earlier one,
        which ended the day it started.
        """
        px, t0 = self.px, self.t0
        for case in plan:
            if case.status == CaseStatus.OPEN.value:
                if case.review is None or (
                    t0 - case.opened < NEW_CASE_DAYS and px.random() >= NEW_CASE_PLAN_SHARE
                ):
                    continue
                last_day, aimed = t0, case.review
            elif case.closed is not None:
                if case.closed - case.opened < 28 or px.random() >= CLOSED_PLAN_SHARE:
                    continue
                last_day, aimed = case.closed, None
            else:
                continue
            floor = case.opened + px.randint(3, 14)
            if floor > last_day:
                continue
            every, unit = self._review_interval()
            cycle = _cycle_days(every, unit)
            if aimed is None:
                # The review due when the case closed; some were overdue by then.
                due = last_day - 30 + int(px.random() * (cycle + 30))
            elif aimed >= t0:
                due = t0 + (aimed - t0) * cycle // 91
            else:
                due = aimed
            reviews = _pick(px, REVIEWS_PER_PLAN)
            plans = [self._plan_dates(due, floor, last_day, every, unit, reviews)]
            while len(plans) < MAX_PLANS and (gap := plans[0].start - floor) > EARLIER_PLAN_GAP:
                if px.random() >= (EARLIER_PLAN_SHARE if gap < 365 else LONG_GAP_SHARE):
                    break
                later = plans[0]
                every, unit = (
                    self._review_interval() if gap < 2 * 365 else px.choice(SETTLED_INTERVALS)
                )
                # Its last review agreed the new plan, that day or in the fortnight before.
                last = later.start - px.randint(0, 14)
                cycle = _cycle_days(every, unit)
                # Reviewed for a quarter or so at least before anyone thought of a new plan.
                reviews = max(_pick(px, REVIEWS_PER_PLAN[1:]), min(3, math.ceil(84 / cycle)))
                earlier = self._plan_dates(last + cycle, floor, later.start, every, unit, reviews)
                if not earlier.held:
                    break  # a plan never reviewed would not have been replaced
                earlier.ended = later.start
                plans.insert(0, earlier)
            for number, p in enumerate(plans, 1):
                p.number = number
            case.plans = plans

    def _review_interval(self) -> tuple[int | None, str]:
        """(6, "weeks") and the like, or (None, "") for a plan reviewed on set dates."""
        px = self.px
        if px.random() < FIXED_DATES_SHARE:
            return None, ""
        return _pick(px, REVIEW_INTERVALS)

    def _plan_dates(
        self, due: int, floor: int, latest: int, every: int | None, unit: str, reviews: int
    ) -> _Plan:
        """A plan whose next review falls due about ``due`` after ``reviews`` reviews (fewer
        if it would start before ``floor``), none of them after ``latest``.

        The dates are worked back roughly, then forward with the store's own rule, so each
        next review date is exactly the one the store computes.
        """
        px = self.px
        cycle = _cycle_days(every, unit)
        # How late each review was held (a few early); with set dates, the gaps between them.
        if every:
            lates = [
                px.randint(-4, 7) if px.random() < 0.7 else px.randint(8, 28) for _ in range(3)
            ]
            gaps = []
        else:
            lates = [px.randint(0, 6) for _ in range(3)]
            gaps = [7 * px.randint(8, 14) for _ in range(5)]
        for k in range(reviews, -1, -1):
            # Reviews held late push an interval's later due dates back; set dates stay put.
            start = due - (sum(gaps[: k + 1]) if gaps else (k + 1) * cycle + sum(lates[:k]))
            if start >= floor:
                break
        else:
            start = floor  # a young case: its first review is due one interval on
        # A first set date can lie beyond ``due``; the plan was still made by ``latest``.
        start = min(start, latest)
        fixed: tuple[date, ...] = ()
        if not every:
            # Set when the plan started: the dates reviewed, the next, sometimes one more.
            days = itertools.accumulate(gaps[: k + 1 + (px.random() < 0.5)], initial=start)
            fixed = tuple(date.fromordinal(d) for d in list(days)[1:])
        plan = _Plan(start, every, unit, fixed)
        started = date.fromordinal(start)
        plan.nexts.append(next_review_due(started, every, unit, fixed, []))
        for late in lates[:k]:
            due_on = plan.nexts[-1]
            if due_on is None or due_on.toordinal() > latest:
                break
            held = min(due_on.toordinal() + late, latest)
            if held < start + 14 or (plan.held and held <= plan.held[-1].toordinal()):
                break
            plan.held.append(date.fromordinal(held))
            plan.nexts.append(next_review_due(started, every, unit, fixed, plan.held))
        return plan

    def _review_due(self, case: _Case, o: int) -> int | None:
        """The case's next plan review as it stood on day ``o`` (None without a plan)."""
        day = date.fromordinal(o)
        for plan in reversed(case.plans):
            if plan.start <= o:
                due = plan.nexts[sum(held <= day for held in plan.held)]
                return due.toordinal() if due is not None else None
        return None

    def _write_plans(self, plan: list[_Case]) -> tuple[int, int, int, int]:
        """Service plans with their goals, actions and reviews, on the dates
        ``_schedule_plans`` set; their chronology entries wait in ``plan_entries`` for
        ``_write_records``, and the reviews (which may be held in a meeting, and can't be
        changed once written) for ``_write_reviews``. Returns the numbers of plans, goals,
        actions and reviews.
        """
        fields: dict[type[pw.Model], tuple[pw.Field, ...]] = {
            ServicePlan: (
                _id(ServicePlan),
                ServicePlan.case,
                ServicePlan.number,
                ServicePlan.started_on,
                ServicePlan.review_every,
                ServicePlan.review_unit,
                ServicePlan.review_dates,
                ServicePlan.status,
                ServicePlan.ended_on,
                ServicePlan.created_at,
                ServicePlan.created_by,
                ServicePlan.updated_at,
                ServicePlan.version,
            ),
            PlanGoal: (
                _id(PlanGoal),
                PlanGoal.plan,
                PlanGoal.position,
                PlanGoal.status,
                PlanGoal.closed_on,
                PlanGoal.carried_from,
                PlanGoal.created_at,
                PlanGoal.created_by,
                PlanGoal.updated_at,
                PlanGoal.version,
            ),
            PlanGoalVersion: (
                _id(PlanGoalVersion),
                PlanGoalVersion.goal,
                PlanGoalVersion.number,
                PlanGoalVersion.domain,
                PlanGoalVersion.change,
                PlanGoalVersion.measure,
                PlanGoalVersion.target,
                PlanGoalVersion.relevance,
                PlanGoalVersion.target_on,
                PlanGoalVersion.client_agreed,
                PlanGoalVersion.achievable,
                PlanGoalVersion.achievable_note,
                PlanGoalVersion.reason,
                PlanGoalVersion.created_at,
                PlanGoalVersion.created_by,
            ),
            PlanAction: (
                _id(PlanAction),
                PlanAction.goal,
                PlanAction.what,
                PlanAction.owner_kind,
                PlanAction.owner_name,
                PlanAction.professional,
                PlanAction.due_on,
                PlanAction.status,
                PlanAction.status_note,
                PlanAction.created_at,
                PlanAction.created_by,
                PlanAction.updated_at,
                PlanAction.version,
            ),
            PlanReview: (
                _id(PlanReview),
                PlanReview.plan,
                PlanReview.held_on,
                PlanReview.client_present,
                PlanReview.client_views,
                PlanReview.participants,
                PlanReview.summary,
                PlanReview.next_review_on,
                PlanReview.created_at,
                PlanReview.created_by,
                PlanReview.conference,  # added by _write_reviews
            ),
            PlanReviewRating: (
                _id(PlanReviewRating),
                PlanReviewRating.review,
                PlanReviewRating.goal,
                PlanReviewRating.goal_version,
                PlanReviewRating.rating,
                PlanReviewRating.evidence,
                PlanReviewRating.decision,
                PlanReviewRating.not_rated_reason,
            ),
            # An action whose status changed since it was set keeps the change in its history.
            RecordChange: (
                _id(RecordChange),
                RecordChange.table,
                RecordChange.record_id,
                RecordChange.field,
                RecordChange.old_value,
                RecordChange.new_value,
                RecordChange.changed_by,
                RecordChange.changed_at,
            ),
        }
        self._rows: dict[type[pw.Model], list[tuple[Any, ...]]] = {m: [] for m in fields}
        self._ids = {m: _next_id(m) for m in fields}
        self.plan_entries: dict[int, list[tuple[int, int, tuple[Any, ...]]]] = {}
        # Each case's reviews as (day, review id, client present, local minute stamp).
        self.held_reviews: dict[int, list[tuple[int, int, bool, int]]] = {}
        for case in plan:
            if case.plans:
                self.plan_entries[case.id] = self._case_plans(case)
        self._review_fields = {m: fields.pop(m) for m in (PlanReview, PlanReviewRating)}
        for model, columns in fields.items():
            self._insert(model, columns, self._rows[model])
        rows = self._rows
        return (
            len(rows[ServicePlan]),
            len(rows[PlanGoal]),
            len(rows[PlanAction]),
            len(rows[PlanReview]),
        )

    def _write_reviews(self) -> None:
        """The plan reviews and their ratings, once ``_write_conferences`` has said which
        were held in a meeting (``inline``: review id -> conference id)."""
        inline = self.inline
        reviews = [(*row, inline.get(row[0])) for row in self._rows[PlanReview]]
        self._insert(PlanReview, self._review_fields[PlanReview], reviews)
        ratings = PlanReviewRating
        self._insert(ratings, self._review_fields[ratings], self._rows[ratings])

    def _new_id(self, model: type[pw.Model]) -> int:
        new = self._ids[model]
        self._ids[model] = new + 1
        return new

    def _holder(self, case: _Case, o: int) -> int:
        """Which of the case's allocations was current on day ``o``."""
        return max(i for i, (start, _) in enumerate(case.allocs) if start <= o)

    def _case_plans(self, case: _Case) -> list[tuple[int, int, tuple[Any, ...]]]:
        """Play the case's plans through in time order, queueing their rows; returns their
        chronology entries, worded as the store words them."""
        px = self.px
        p = self.people[case.client]
        ctx = dict(p.ctx)
        ctx.pop("pros")
        pool = _GoalPool(px, p.topics)
        rows = self._rows
        alloc_ids = self.alloc_ids[case.id]
        entries: list[tuple[int, int, tuple[Any, ...]]] = []
        held_reviews = self.held_reviews[case.id] = []
        carried: list[_Goal] = []
        for plan in case.plans:
            k = self._holder(case, plan.start)
            author = self.workers[case.allocs[k][1]][0]
            # Times of day keep a day's events in the store's order: actions updated in the
            # morning, a review after lunch, a new plan agreed at it written up after that.
            when = plan.start * 1440 + 900 + 5 * px.randrange(24)
            plan_id = self._new_id(ServicePlan)
            goals: list[_Goal] = []
            for old in carried:
                goal = _Goal(self._new_id(PlanGoal), len(goals) + 1, old.text, when, author)
                goal.from_id, goal.rated, goal.last = old.id, old.rated, old.last
                goal.revised = old.revised
                reason = f"Carried over from plan {plan.number - 1}"
                self._add_version(goal, old.versions[-1][1], reason, when, author)
                goal.actions = [
                    _Action(
                        self._new_id(PlanAction),
                        a.what,
                        (a.kind, a.name, a.pro),
                        a.due,
                        when,
                        author,
                        a.status,
                        a.note,
                    )
                    for a in old.actions
                    if a.status in OPEN_ACTION
                ]
                if not goal.actions:
                    # Everything agreed last time is done: the new plan sets the next steps.
                    done = {a.what for a in old.actions}
                    self._add_actions(goal, ctx, case, when, author, px.randint(1, 2), done)
                goals.append(goal)
            if carried:
                fresh = _pick(px, ((0, 45), (1, 40), (2, 15)))
                fresh = min(fresh, max(0, MAX_OPEN_GOALS - len(carried)))
            else:
                fresh = _pick(px, ONE_TO_FOUR)
            for _ in range(fresh):
                self._add_goal(goals, pool, ctx, case, when, author)
            started = date.fromordinal(plan.start)
            entries.append(
                (
                    plan.start,
                    1,
                    (
                        alloc_ids[k],
                        started,
                        "plan",
                        f"Service plan {plan.number} started",
                        _start_details(plan, started, len(carried)),
                        "plan",
                        plan_id,
                        self._stamp(when),
                        author,
                        "",
                        "",
                    ),
                )
            )
            touched = when
            for j, held in enumerate(plan.held):
                h = held.toordinal()
                k = self._holder(case, h)
                reviewer = self.workers[case.allocs[k][1]][0]
                at = h * 1440 + 750 + 5 * px.randrange(24)
                # A review leaves something to work on, unless it ended the plan or the case.
                keep_one = j < len(plan.held) - 1 or (plan.ended is None and case.closed is None)
                review_id, details, present = self._review(
                    plan, plan_id, j, goals, pool, ctx, case, at, reviewer, keep_one
                )
                held_reviews.append((h, review_id, present, at))
                entries.append(
                    (
                        h,
                        1,
                        (
                            alloc_ids[k],
                            held,
                            "plan",
                            f"Service plan {plan.number} reviewed",
                            details,
                            "plan_review",
                            review_id,
                            self._stamp(at),
                            reviewer,
                            "",
                            "",
                        ),
                    )
                )
                touched = at + 10
            until = plan.ended if plan.ended is not None else min(self._end(case), self.t0)
            for goal in goals:
                end = goal.closed_on if goal.closed_on is not None else until
                for action in goal.actions:
                    self._settle(action, goal, end, case, ctx)
                    changed = action.changed or action.created
                    touched = max(touched, changed)
                    rows[PlanAction].append(
                        (
                            action.id,
                            goal.id,
                            action.what,
                            action.kind,
                            action.name,
                            action.pro,
                            date.fromordinal(action.due),
                            action.status,
                            action.note,
                            self._stamp(action.created),
                            action.author,
                            self._stamp(changed),
                            2 if action.changed else 1,
                        )
                    )
                touched = max(touched, goal.updated)
                rows[PlanGoal].append(
                    (
                        goal.id,
                        plan_id,
                        goal.position,
                        goal.status,
                        date.fromordinal(goal.closed_on) if goal.closed_on is not None else None,
                        goal.from_id,
                        self._stamp(goal.created),
                        goal.author,
                        self._stamp(goal.updated),
                        len(goal.versions) + (goal.status != "open"),
                    )
                )
            if plan.ended is not None:
                touched = max(touched, plan.ended * 1440 + 900)  # the next plan ended it
            rows[ServicePlan].append(
                (
                    plan_id,
                    case.id,
                    plan.number,
                    started,
                    plan.every,
                    plan.unit,
                    ",".join(d.isoformat() for d in plan.fixed),
                    "current" if plan.ended is None else "ended",
                    date.fromordinal(plan.ended) if plan.ended is not None else None,
                    self._stamp(when),
                    author,
                    self._stamp(touched),
                    1 if plan.ended is None else 2,
                )
            )
            carried = [g for g in goals if g.status == "open"]
        return entries

    def _add_goal(
        self,
        goals: list[_Goal],
        pool: _GoalPool,
        ctx: dict[str, str],
        case: _Case,
        when: int,
        author: int,
    ) -> None:
        """A new goal (from the pool, if any is left) with one to four actions."""
        text = pool.take(goals)
        if text is None:
            return
        px = self.px
        day = when // 1440
        goal = _Goal(self._new_id(PlanGoal), len(goals) + 1, text, when, author)
        target_on = day + 7 * px.randint(6, 26)
        roll = px.random()
        achievable = roll >= NOT_ACHIEVABLE_SHARE
        note = ""
        if not achievable:
            note = px.choice(txt.DOUBTFUL_NOTES)
        elif roll < NOT_ACHIEVABLE_SHARE + ACHIEVABLE_NOTE_SHARE:
            note = px.choice(txt.ACHIEVABLE_NOTES)
        wording = (
            text.domain,
            text.change.format_map(ctx),
            text.measure.format_map(ctx),
            text.target.format_map(ctx),
            text.relevance.format_map(ctx),
            date.fromordinal(target_on),
            px.random() < CLIENT_AGREED_SHARE,
            achievable,
            note.format_map(ctx),
        )
        self._add_version(goal, wording, "", when, author)
        wanted = _pick(px, ONE_TO_FOUR)
        self._add_actions(goal, ctx, case, when, author, wanted, set())
        goals.append(goal)

    def _add_actions(
        self,
        goal: _Goal,
        ctx: dict[str, str],
        case: _Case,
        when: int,
        author: int,
        wanted: int,
        done: set[str],
    ) -> None:
        """Up to ``wanted`` of the goal's actions, due by its target date; those ``done``
        already only when nothing else fits (a step that recurs, like bringing a statement).

        Every goal's text has an action for the worker, so a goal gets at least one.
        """
        px = self.px
        day = when // 1440
        target_on = goal.target_on
        texts = [
            (a, a.what.format_map(ctx))
            for a in px.sample(goal.text.actions, len(goal.text.actions))
        ]
        texts.sort(key=lambda t: t[1] in done)
        added = 0
        for action, what in texts:
            if added == wanted:
                break
            owner = self._owner(action, case, day)
            if owner is None:
                continue
            due = day + px.randint(7, max(7, target_on - day))
            goal.actions.append(_Action(self._new_id(PlanAction), what, owner, due, when, author))
            added += 1

    def _add_version(
        self, goal: _Goal, wording: tuple[Any, ...], reason: str, when: int, author: int
    ) -> None:
        version_id = self._new_id(PlanGoalVersion)
        goal.versions.append((version_id, wording))
        self._rows[PlanGoalVersion].append(
            (version_id, goal.id, len(goal.versions), *wording, reason, self._stamp(when), author)
        )

    def _owner(
        self, action: txt.ActionText, case: _Case, day: int
    ) -> tuple[str, str, int | None] | None:
        """(owner kind, name as shown, professional id) for an action set on ``day``, or None
        if nobody suitable is around (no such professional involved, a child too young)."""
        px = self.px
        p = self.people[case.client]
        if action.owner == "client" and p.child and p.age + (day - case.opened) // 365 < 8:
            return None
        if action.owner == "family":
            if p.family:
                return "client", "", None  # the family is the client
            main = (p.ctx["fnfull"], p.ctx["rel"])
            # Drawn from the network as first drawn (_write_contacts); all of it, and main,
            # are in the network.
            drawn = [person for person, _ in self.drawn_networks[case.client]]
            network = drawn or [main]
            main_in = self.main_drawn[case.client] or not drawn
            name, rel = main if main_in and px.random() < 0.7 else px.choice(network)
            return "family", f"{name} ({rel})", None
        if action.owner == "professional":
            involved = [
                pro
                for pro in self.professionals.get(case.id, ())
                if pro[3] in action.roles
                and (pro[4] is None or pro[4] <= day)
                and (pro[5] is None or pro[5] >= day)
            ]
            if not involved:
                return None
            pro_id, name, agency, *_ = px.choice(involved)
            return "professional", f"{name} ({agency})", pro_id
        return action.owner, "", None

    def _review(
        self,
        plan: _Plan,
        plan_id: int,
        j: int,
        goals: list[_Goal],
        pool: _GoalPool,
        ctx: dict[str, str],
        case: _Case,
        at: int,
        reviewer: int,
        keep_one: bool,
    ) -> tuple[int, str, bool]:
        """The plan's ``j``-th review, rating every goal open at the time; returns its id,
        the chronology entry's details and whether the client was present."""
        px = self.px
        p = self.people[case.client]
        h = at // 1440
        rated = [g for g in goals if g.status == "open" and g.created < at]
        can_add = len(rated) < MAX_OPEN_GOALS and pool.has(goals)
        ratings = [self._rate(g, can_add, h, ctx) for g in rated]
        added = sum(r[1] == "new goal" for r in ratings)
        if keep_one and not added and all(r[1] == "close goal" for r in ratings):
            if pool.has(goals):
                added = 1  # the goals are met: the next one is agreed
            else:
                kept = [r for r in ratings if r[0] == "achieved"] or ratings
                kept[-1][1] = "continue"  # achieved, and kept on to hold the gain
        review_id = self._new_id(PlanReview)
        lines, closed, reworded = [], [], []
        for goal, (rating, decision, evidence, reason) in zip(rated, ratings, strict=True):
            version_id, wording = goal.versions[-1]
            self._rows[PlanReviewRating].append(
                (
                    self._new_id(PlanReviewRating),
                    review_id,
                    goal.id,
                    version_id,
                    rating,
                    evidence,
                    decision,
                    reason,
                )
            )
            what = f"{rating}; {decision}" if rating else f"not rated ({reason})"
            lines.append(f"- Goal {goal.position} ({wording[0]}): {what}")
            goal.rated += bool(rating)
            goal.last = rating or goal.last
            if decision == "close goal":
                goal.status = "achieved" if rating == "achieved" else "closed"
                goal.closed_on, goal.updated = h, at
                closed.append(goal.position)
            elif decision == "change":
                self._revise(goal, at + 5, reviewer, ctx)
                reworded.append(goal.position)
        for _ in range(added):
            self._add_goal(goals, pool, ctx, case, at + 10, reviewer)

        good = sum(r[0] in ("achieved", "progressing") for r in ratings)
        bad = sum(r[0] in ("no change", "worse") for r in ratings)
        mood = "poor" if bad > good else "good" if good and not bad else "mixed"
        ctx["d"] = self._day(h - px.randint(1, 6))
        present = px.random() < CLIENT_PRESENT_SHARE
        if not present:
            views = px.choice(txt.ABSENT_VIEWS).format_map(ctx)
        elif p.child:
            views = f"{ctx['a']}: {px.choice(txt.CLIENT_VIEWS[mood])}"
            if p.age + (h - case.opened) // 365 >= 5 and px.random() < 0.5:
                views += px.choice(txt.CHILD_VIEWS).format_map(ctx)
        else:
            views = px.choice(txt.CLIENT_VIEWS[mood])
        people = []
        network = [person for person, _ in self.drawn_networks.get(case.client, ())]
        if network and px.random() < 0.5:
            people.append("{} ({})".format(*px.choice(network)))
        involved = [
            pro
            for pro in self.professionals.get(case.id, ())
            if (pro[4] is None or pro[4] <= h) and (pro[5] is None or pro[5] >= h)
        ]
        wanted = _pick(px, ((0, 40), (1, 40), (2, 20)))
        for _, name, agency, role, *_ in px.sample(involved, min(len(involved), wanted)):
            people.append(f"{name} ({role}, {agency})")
        summary = px.choice(txt.REVIEW_SUMMARIES[mood]).format_map(ctx)
        if closed:
            summary += f" {_goals(closed)} closed."
        if reworded:
            summary += f" {_goals(reworded)} reworded."
        if added:
            summary += " A new goal agreed." if added == 1 else f" {added} new goals agreed."
        next_on = plan.nexts[j + 1]
        self._rows[PlanReview].append(
            (
                review_id,
                plan_id,
                date.fromordinal(h),
                present,
                views,
                "; ".join(people),
                summary,
                next_on,
                self._stamp(at),
                reviewer,
            )
        )
        state = "client present" if present else "client not present"
        details = "\n".join(
            [
                f"Review of service plan {plan.number}, {state}.",
                "",
                *lines,
                "",
                f"Next review: {dates.format_date(next_on) or 'none set'}.",
            ]
        )
        return review_id, details, present

    def _rate(self, goal: _Goal, can_add: bool, h: int, ctx: dict[str, str]) -> list[str]:
        """[rating, decision, evidence, not-rated reason] for one goal at a review on ``h``."""
        px = self.px
        if px.random() < NOT_RATED_SHARE:
            return ["", "", "", px.choice(txt.NOT_RATED_REASONS).format_map(ctx)]
        rating = _pick(px, LATER_RATINGS if goal.rated else FIRST_RATINGS)
        decision = _pick(px, DECISIONS_FOR[rating])
        if decision == "continue" and rating != "achieved" and goal.target_on < h:
            decision = px.choice(("continue", "change"))  # past its date: often reworded
        if (decision == "change" and goal.revised) or (decision == "new goal" and not can_add):
            decision = "continue"
        # What evidence quotes; int(r() * n) as in the notes, for speed.
        r = px.random
        low, high = PERCENT_FOR.get(rating, (62, 79))
        ctx["d"] = self._day(h - 1 - int(r() * 14))
        ctx["n"] = str(2 + int(r() * 2))
        ctx["pct"] = str(low + int(r() * (high - low + 1)))
        ctx["amt"] = f"£{10 * (12 + int(r() * 49))}"
        ctx["arrears"] = f"£{10 * (80 + int(r() * 221)):,}"
        if rating == "no longer relevant":
            evidence = px.choice(txt.NO_LONGER_RELEVANT)
        else:
            evidence = goal.text.evidence[RATINGS.index(rating)]
            if rating == goal.last:
                evidence += " " + px.choice(txt.EVIDENCE_AGAIN)
        return [rating, decision, evidence.format_map(ctx), ""]

    def _revise(self, goal: _Goal, when: int, author: int, ctx: dict[str, str]) -> None:
        """The goal's second wording, agreed at a review: a new target and a later date."""
        domain, change, measure, _, relevance, target_on, _, achievable, note = goal.versions[-1][1]
        later = max(target_on.toordinal(), when // 1440) + 7 * self.px.randint(4, 12)
        wording = (
            domain,
            change,
            measure,
            goal.text.revised_target.format_map(ctx),
            relevance,
            date.fromordinal(later),
            True,
            achievable,
            note,
        )
        self._add_version(goal, wording, goal.text.revised_reason.format_map(ctx), when, author)
        goal.revised, goal.updated = True, when

    def _settle(
        self, action: _Action, goal: _Goal, end: int, case: _Case, ctx: dict[str, str]
    ) -> None:
        """Where the action stood on day ``end`` (its goal closed, its plan ended, or today):
        at most one change of status since it was set, kept in its history."""
        px = self.px
        before = action.status
        if goal.status == "achieved":
            options: tuple[tuple[str, int], ...] = (("done", 85), ("dropped", 15))
        elif goal.status == "closed":
            options = (("done", 35), ("dropped", 50), (before, 15))
        elif action.due < action.created // 1440:
            # Carried over already late: the new plan mostly gets it done or lets it go.
            options = (("done", 50), ("dropped", 40), (before, 10))
        elif action.due < end:
            options = (("done", 62), ("in progress", 15), ("not started", 5), ("dropped", 18))
        else:
            options = (("not started", 45), ("in progress", 45), ("done", 10))
        status = _pick(px, options)
        first = action.created // 1440 + 1
        if status == before or (before, status) == ("in progress", "not started") or end < first:
            return
        day = first + int(px.random() * (max(first, min(end, action.due + 10)) - first + 1))
        at = day * 1440 + 540 + 5 * int(px.random() * 48)
        note = action.note
        if px.random() < 0.4 and status in _STATUS_NOTES:
            ctx["d"] = self._day(day)
            note = px.choice(_STATUS_NOTES[status]).format_map(ctx)
        worker = self.workers[case.allocs[self._holder(case, day)][1]][0]
        changes = [("status", before, status)]
        if note != action.note:
            changes.append(("status_note", action.note, note))
        for field, old, new in changes:
            self._rows[RecordChange].append(
                (
                    self._new_id(RecordChange),
                    "plan_action",
                    action.id,
                    field,
                    old,
                    new,
                    worker,
                    self._stamp(at),
                )
            )
        action.status, action.note, action.changed = status, note, at

    # -- case conferences ------------------------------------------------------------------

    def _write_conferences(self, plan: list[_Case]) -> tuple[int, int, int]:
        """Case conferences and professionals meetings for some cases with professionals
        involved; their chronology entries wait in ``conference_entries`` for
        ``_write_records``. Keeps each case's ``next_action_due_on`` as the store does. Some
        finalised meetings held a plan review (``inline``, for ``_write_reviews``).
        Returns the numbers of conferences, attendees (with apologies) and actions."""
        mx = self.mx
        self.conference_entries: dict[int, list[tuple[int, int, tuple[Any, ...]]]] = {}
        self.inline: dict[int, int] = {}  # review id -> the conference it was held in
        rows: dict[type[pw.Model], list[tuple[Any, ...]]] = {
            Conference: [],
            ConferenceAttendee: [],
            ConferenceAgendaItem: [],
            ConferenceAction: [],
        }
        ids = {m: _next_id(m) for m in rows}
        due_on: list[tuple[date, int]] = []
        self.finals: list[tuple[int]] = []
        for case in plan:
            if not case.allocs or not self.professionals.get(case.id):
                continue
            share = (
                CONFERENCE_SHARE
                if case.status == CaseStatus.OPEN.value
                else CLOSED_CONFERENCE_SHARE
                if case.status == CaseStatus.CLOSED.value
                else 0.0
            )
            if mx.random() >= share:
                continue
            first = case.allocs[0][0] + 7
            last = min(self._end(case), self.t0) - 1
            if last - first < 14:
                continue
            days = [last - int(mx.random() ** 1.5 * min(120, last - first))]
            for _ in range(_pick(mx, ((0, 50), (1, 35), (2, 15)))):
                earlier = days[0] - 7 * mx.randint(6, 12)
                if earlier < first:
                    break
                days.insert(0, earlier)
            days = [_weekday(o, first, last) for o in days]
            draft_last = (
                case.status == CaseStatus.OPEN.value
                and days[-1] >= self.t0 - 14
                and mx.random() < DRAFT_SHARE
            )
            planned = list(days)
            held = self._meeting_reviews(case, days, first, last, draft_last)
            earliest: date | None = None
            for i, h in enumerate(days):
                nxt = days[i + 1] if i + 1 < len(days) else None
                draft = draft_last and nxt is None
                review = held[i]
                if review is None:
                    due = self._conference(case, h, nxt, draft, rows, ids)
                else:
                    # Drawn from where the meeting planned for the day would have been, leaving
                    # the stream where that one would have: the meetings after it stayed as
                    # they were before reviews were held in meetings.
                    before = mx.getstate()
                    scratch: dict[type[pw.Model], list[tuple[Any, ...]]] = {m: [] for m in rows}
                    self._conference(case, planned[i], nxt, draft, scratch, dict(ids), dry=True)
                    after = mx.getstate()
                    mx.setstate(before)
                    due = self._conference(case, h, nxt, draft, rows, ids, review)
                    mx.setstate(after)
                if due is not None and (earliest is None or due < earliest):
                    earliest = due
            if earliest is not None:
                due_on.append((earliest, case.id))
        self._insert(
            Conference,
            (
                _id(Conference),
                Conference.case,
                Conference.status,
                Conference.held_at,
                Conference.place,
                Conference.conference_type,
                Conference.chair,
                Conference.minute_taker,
                Conference.client_attended,
                Conference.client_views,
                Conference.information_shared,
                Conference.decisions,
                Conference.next_meeting_on,
                Conference.finalised_at,
                Conference.finalised_by,
                Conference.created_at,
                Conference.created_by,
                Conference.updated_at,
                Conference.version,
            ),
            rows[Conference],
        )
        self._insert(
            ConferenceAttendee,
            (
                _id(ConferenceAttendee),
                ConferenceAttendee.conference,
                ConferenceAttendee.position,
                ConferenceAttendee.present,
                ConferenceAttendee.kind,
                ConferenceAttendee.professional,
                ConferenceAttendee.contact,
                ConferenceAttendee.name,
                ConferenceAttendee.role,
                ConferenceAttendee.agency,
            ),
            rows[ConferenceAttendee],
        )
        self._insert(
            ConferenceAgendaItem,
            (
                _id(ConferenceAgendaItem),
                ConferenceAgendaItem.conference,
                ConferenceAgendaItem.position,
                ConferenceAgendaItem.title,
                ConferenceAgendaItem.discussion,
            ),
            rows[ConferenceAgendaItem],
        )
        self._insert(
            ConferenceAction,
            (
                _id(ConferenceAction),
                ConferenceAction.conference,
                ConferenceAction.position,
                ConferenceAction.what,
                ConferenceAction.owner_name,
                ConferenceAction.owner_attendee,
                ConferenceAction.due_on,
                ConferenceAction.status,
                ConferenceAction.status_note,
                ConferenceAction.done_at,
                ConferenceAction.done_by,
                ConferenceAction.created_at,
                ConferenceAction.created_by,
                ConferenceAction.updated_at,
                ConferenceAction.version,
            ),
            rows[ConferenceAction],
        )
        if self.finals:
            sql, _ = Conference.update(status="final").where(_id(Conference) == 0).sql()
            Conference._meta.database.cursor().executemany(
                sql, [("final", i) for (i,) in self.finals]
            )
        if due_on:
            sql, _ = Case.update(next_action_due_on=date.min).where(_id(Case) == 0).sql()
            Case._meta.database.cursor().executemany(sql, due_on)
        return (
            len(rows[Conference]),
            len(rows[ConferenceAttendee]),
            len(rows[ConferenceAction]),
        )

    def _meeting_reviews(
        self, case: _Case, days: list[int], first: int, last: int, draft_last: bool
    ) -> list[tuple[int, int, bool, int] | None]:
        """Which of the case's plan reviews its meetings on ``days`` held, one at most each
        (None for the others); a meeting that holds one moves to the review's day.

        Only finalised meetings do, on weekdays from ``first`` to ``last``, keeping their
        order and a fortnight apart; a review at which the client was present goes to a
        meeting they could attend (not a young child's).
        """
        picks: list[tuple[int, int, bool, int] | None] = [None] * len(days)
        reviews = self.held_reviews.get(case.id)
        if not reviews:
            return picks
        p = self.people[case.client]
        young = p.child and not p.family
        used: set[int] = set()
        for i, o in enumerate(days):
            if draft_last and i == len(days) - 1:
                break
            lo = days[i - 1] + INLINE_REVIEW_GAP if i else first
            hi = days[i + 1] - INLINE_REVIEW_GAP if i + 1 < len(days) else last
            near = [
                r
                for r in reviews
                if abs(r[0] - o) <= INLINE_REVIEW_DAYS
                and lo <= r[0] <= hi
                and (r[0] - 1) % 7 < 5  # a weekday (ordinal 1 was a Monday)
                and r[1] not in used
                and not (r[2] and young and p.age + (r[0] - case.opened) // 365 < 8)
            ]
            if not near or self.ix.random() >= INLINE_REVIEW_SHARE:
                continue
            pick = min(near, key=lambda r: (abs(r[0] - o), r[0]))
            days[i] = pick[0]
            picks[i] = pick
            used.add(pick[1])
        return picks

    def _conference(
        self,
        case: _Case,
        h: int,
        nxt: int | None,
        draft: bool,
        rows: dict[type[pw.Model], list[tuple[Any, ...]]],
        ids: dict[type[pw.Model], int],
        review: tuple[int, int, bool, int] | None = None,
        *,
        dry: bool = False,
    ) -> date | None:
        """One meeting on day ``h``, its rows queued; returns the earliest due date of its
        open actions if the minutes are finalised (what the case row keeps).

        With ``review`` (day, id, client present, minute stamp) the meeting held that plan
        review: a review meeting of some kind, the client there if they were at the review,
        its minutes begun before the review was recorded and finalised after. A ``dry`` run
        only draws (into ``rows`` thrown away), keeping no chronology entry.
        """
        mx = self.mx
        r = mx.random
        p = self.people[case.client]
        k = self._holder(case, h)
        worker_id, worker_name = self.workers[case.allocs[k][1]]
        involved = [
            pro
            for pro in self.professionals.get(case.id, ())
            if (pro[4] is None or pro[4] <= h) and (pro[5] is None or pro[5] >= h)
        ]
        if not involved:
            return None
        network = list(self.drawn_networks.get(case.client, ()))
        kinds = txt.CONFERENCE_TYPES_CHILD if p.child else txt.CONFERENCE_TYPES_ADULT
        if review is not None:
            kinds = _review_meeting_types(kinds)
        kind = _pick(mx, kinds)
        if kind == "family meeting" and not network:
            kind = "professionals meeting"
        ctx = dict(p.ctx)
        ctx.pop("pros")
        ctx["worker"] = worker_name
        ctx["d"] = self._day(h - 1 - int(r() * 20))
        ctx["concern"] = p.topics[0].concern
        conf_id = ids[Conference]
        ids[Conference] += 1
        # (present, kind, professional id, contact id, name, role, agency)
        people: list[tuple[bool, str, int | None, int | None, str, str, str]] = [
            (True, "worker", None, None, worker_name, "allocated worker", "")
        ]
        age = p.age + (h - case.opened) // 365
        if p.child and not p.family:
            attended = age >= 8 and r() < 0.75
        else:
            attended = r() < CLIENT_ATTENDED_SHARE
        if review is not None:
            attended = review[2]  # as the review recorded (_meeting_reviews saw to a child's)
        if attended:
            people.append((True, "client", None, None, p.name, "client", ""))
        wanted = _pick(mx, ((1, 20), (2, 40), (3, 30), (4, 10)))
        pros = mx.sample(involved, min(len(involved), wanted))
        for pro_id, name, agency, role, *_ in pros:
            people.append((r() < 0.8, "professional", pro_id, None, name, role, agency))
        if network:
            many = 3 if kind == "family meeting" else 1 if r() < 0.7 else 0
            for (name, rel), contact_id in mx.sample(network, min(many, len(network))):
                people.append((r() < 0.85, "contact", None, contact_id, name, rel, ""))
        if not attended and not p.child and r() < 0.4:
            people.append((False, "client", None, None, p.name, "client", ""))
        people.sort(key=lambda row: not row[0])  # attendees, then apologies, as the store
        present_pros = [row[4] for row in people if row[0] and row[1] == "professional"]
        attendee_ids: list[int] = []
        for position, row in enumerate(people, 1):
            attendee_ids.append(ids[ConferenceAttendee])
            rows[ConferenceAttendee].append((ids[ConferenceAttendee], conf_id, position, *row))
            ids[ConferenceAttendee] += 1
        chair = worker_name
        minute_taker = worker_name
        if present_pros and r() < (0.5 if kind == "case conference" else 0.2):
            chair = mx.choice(present_pros)
        elif present_pros and r() < 0.3:
            minute_taker = mx.choice(present_pros)

        # Views, in the client's (or a child's carer's) words.
        good = r()
        mood = "good" if good < 0.4 else "mixed" if good < 0.8 else "poor"
        if attended:
            views = mx.choice(txt.CLIENT_VIEWS[mood])
            if p.child and not p.family:
                views = f"{ctx['c']}: {views}"
        elif p.child and any(row[0] and row[1] == "contact" for row in people):
            views = f"{ctx['a']}: {mx.choice(txt.CLIENT_VIEWS[mood])}"
            if age >= 5 and r() < 0.5:
                views += mx.choice(txt.CHILD_VIEWS).format_map(ctx)
        else:
            views = mx.choice(txt.ABSENT_VIEWS).format_map(ctx)

        topics = mx.sample(p.topics, min(len(p.topics), _pick(mx, ((1, 60), (2, 40)))))
        agenda = [
            (
                t.concern[:1].upper() + t.concern[1:],
                mx.choice(txt.AGENDA_DISCUSSIONS).format_map(dict(ctx, concern=t.concern)),
            )
            for t in topics
        ]
        if len(agenda) < 3 and r() < 0.5:
            title, text = mx.choice(txt.AGENDA_CLOSING)
            agenda.append((title.format_map(ctx), text.format_map(ctx)))
        for position, (title, text) in enumerate(agenda, 1):
            rows[ConferenceAgendaItem].append(
                (ids[ConferenceAgendaItem], conf_id, position, title, text)
            )
            ids[ConferenceAgendaItem] += 1
        shared = [
            f"- **{row[4]}** ({row[6] or row[5]}): {mx.choice(txt.INFO_SHARED).format_map(ctx)}"
            for row in people
            if row[0] and row[1] == "professional"
        ][:3]
        decisions = [
            d.format_map(ctx)
            for d in mx.sample(txt.CONFERENCE_DECISIONS, _pick(mx, ((1, 30), (2, 45), (3, 25))))
        ]

        # Written up after the meeting; finalised that day or within a few days. A review
        # held in it was recorded while the minutes were a draft.
        reviewed = review[3] if review is not None else None
        slots = 12 if reviewed is None else (reviewed % 1440 - 80 - 570) // 30 + 1
        minute = 570 + 30 * int(r() * slots)
        held = h * 1440 + minute
        created = held + 75
        final_day = min(h + _pick(mx, ((0, 40), (1, 30), (2, 15), (4, 15))), self.t0 - 1)
        finalised = created + 30 if final_day == h else final_day * 1440 + 540 + 15 * int(r() * 28)
        if reviewed is not None and final_day == h:
            finalised = max(finalised, reviewed + 20)
        fk = self._holder(case, final_day)
        finaliser = self.workers[case.allocs[fk][1]][0]
        if nxt is not None:
            next_on: date | None = date.fromordinal(nxt)
        elif case.status == CaseStatus.OPEN.value:
            next_on = date.fromordinal(_weekday(h + 7 * mx.randint(6, 12), h, h + 120))
        else:
            next_on = None

        # Actions, owned by people on the list (present or not).
        owners = {
            "worker": [0],
            "professional": [i for i, row in enumerate(people) if row[1] == "professional"],
            "person": [i for i, row in enumerate(people) if row[1] in ("client", "contact")],
        }
        earliest: date | None = None
        n_actions = _pick(mx, ((1, 20), (2, 35), (3, 30), (4, 15)))
        taken: set[str] = set()
        for _ in range(n_actions):
            group = _pick(mx, (("worker", 40), ("professional", 45), ("person", 15)))
            if not owners[group]:
                group = "worker"
            what = mx.choice(txt.CONFERENCE_ACTIONS[group]).format_map(ctx)
            if what in taken:
                continue
            taken.add(what)
            position = len(taken)
            who = people[mx.choice(owners[group])]
            due = h + 7 * mx.randint(1, 6)
            status, note, done_at, done_by, changed = "open", "", None, None, finalised
            lo, hi = final_day + 1, min(self.t0 - 1, due + 10)
            if not draft and lo <= hi:
                if due < self.t0:
                    chance = 0.95 if nxt is not None or case.closed is not None else 0.65
                else:
                    chance = 0.25
                if r() < chance:
                    day = lo + int(r() * (hi - lo + 1))
                    changed = day * 1440 + 540 + 15 * int(r() * 32)
                    status = "done"
                    note = mx.choice(txt.CONFERENCE_DONE_NOTES).format(d=self._day(day))
                    done_at = self._stamp(changed)
                    done_by = self.workers[case.allocs[self._holder(case, day)][1]][0]
            if status == "open" and not draft:
                due_date = date.fromordinal(due)
                earliest = due_date if earliest is None or due_date < earliest else earliest
            rows[ConferenceAction].append(
                (
                    ids[ConferenceAction],
                    conf_id,
                    position,
                    what,
                    person_shown(who[4], who[5], who[6]),
                    attendee_ids[people.index(who)],
                    date.fromordinal(due),
                    status,
                    note,
                    done_at,
                    done_by,
                    self._stamp(created),
                    worker_id,
                    self._stamp(changed if not draft else created),
                    2 if status == "done" else 1,
                )
            )
            ids[ConferenceAction] += 1
        n_written = len(taken)

        rows[Conference].append(
            (
                conf_id,
                case.id,
                "draft",  # finalised once its lists are in (the database guards final ones)
                self._stamp(held),
                mx.choice(
                    txt.CONFERENCE_PLACES if p.child else txt.CONFERENCE_PLACES_ADULT
                ).format_map(ctx),
                kind,
                chair,
                minute_taker,
                attended,
                views,
                "\n".join(shared),
                "\n".join(decisions),
                next_on,
                None if draft else self._stamp(finalised),
                None if draft else finaliser,
                self._stamp(created),
                worker_id,
                self._stamp(created if draft else finalised),
                1 if draft else 2,
            )
        )
        if not draft and not dry:
            self.finals.append((conf_id,))
            if review is not None:
                self.inline[review[1]] = conf_id
            present = [row for row in people if row[0]]
            head = SimpleNamespace(
                client_attended=attended,
                chair=chair,
                decisions="\n".join(decisions),
                next_meeting_on=next_on,
            )
            details = entry_details(head, present, len(people) - len(present), n_written)
            self.conference_entries.setdefault(case.id, []).append(
                (
                    h,
                    1,
                    (
                        self.alloc_ids[case.id][fk],
                        date.fromordinal(h),
                        "conference",
                        f"{type_title(kind)} held",
                        details,
                        "conference",
                        conf_id,
                        self._stamp(finalised),
                        finaliser,
                        "",
                        "",
                    ),
                )
            )
        return earliest

    # -- small helpers ---------------------------------------------------------------------

    def _insert(
        self, model: type[pw.Model], fields: Sequence[pw.Field], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        """Insert rows (tuples in ``fields`` order) in this transaction.

        Peewee writes the one-row INSERT statement, so table and column names come from the
        models; the rows then go through ``executemany``, which is about five times faster than
        ``insert_many`` because peewee no longer builds SQL for every value.
        """
        if not rows:
            return
        sql = self._sql.get(model)
        if sql is None:
            sql, params = model.insert_many([tuple(range(len(fields)))], fields=list(fields)).sql()
            if len(params) != len(fields):
                # A column with a default was added to the model but not to the demo.
                raise RuntimeError(f"demo rows for {model.__name__} do not match its columns")
            self._sql[model] = sql
        model._meta.database.cursor().executemany(sql, rows)

    def _stamp(self, when: int) -> datetime:
        """Local ``ordinal * 1440 + minute`` as naive UTC, the stored form."""
        o, minute = divmod(when, 1440)
        midnight = self._midnights.get(o)
        if midnight is None:
            # Office hours never straddle a clock change, so one offset per day will do.
            noon = datetime.fromordinal(o).replace(hour=12)
            try:
                utc = dates.to_utc(noon)
                if utc.tzinfo is not None:
                    utc = utc.astimezone(UTC).replace(tzinfo=None)
                offset = utc - noon
            except (AttributeError, OverflowError, OSError, ValueError):
                offset = timedelta(0)
            midnight = self._midnights[o] = datetime.fromordinal(o) + offset
        return midnight + timedelta(minutes=minute)

    def _day(self, o: int) -> str:
        """A short date as a worker writes it in a note: "14 Mar"."""
        text = self._day_text.get(o)
        if text is None:
            d = date.fromordinal(o)
            text = self._day_text[o] = f"{d.day} {_MONTHS[d.month - 1]}"
        return text

    def _long_day(self, o: int) -> str:
        d = date.fromordinal(o)
        return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


_UNIT_DAYS = {"days": 1.0, "weeks": 7.0, "months": 30.44}
_STATUS_NOTES = {
    "done": txt.DONE_NOTES,
    "dropped": txt.DROPPED_NOTES,
    "in progress": txt.IN_PROGRESS_NOTES,
}


def _pick(rng: random.Random, options: tuple[tuple[_T, int], ...]) -> _T:
    """A weighted choice from (value, weight) pairs: ``random.choices`` without redoing its
    sums on every call, which thousands of plans notice."""
    bounds = _bounds(options)
    return options[bisect.bisect(bounds, rng.random() * bounds[-1])][0]


@functools.cache
def _bounds(options: tuple[tuple[Any, int], ...]) -> tuple[int, ...]:
    return tuple(itertools.accumulate(w for _, w in options))


@functools.cache
def _review_meeting_types(kinds: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    """The meeting types (with their weights) that a plan review is held in."""
    return tuple(k for k in kinds if k[0] in REVIEW_MEETING_TYPES)


def _cycle_days(every: int | None, unit: str) -> int:
    """About how many days apart a plan's reviews fall (on set dates, eleven weeks)."""
    return round(every * _UNIT_DAYS[unit]) if every else 77


def _start_details(plan: _Plan, started: date, carried: int) -> str:
    """The details of a "Service plan N started" entry, as ``Store.start_plan`` words them."""
    # A bare PlanInfo, for the store's own wording of the schedule.
    info = PlanInfo(
        id=0,
        case_id=0,
        number=plan.number,
        started_on=started,
        review_every=plan.every,
        review_unit=plan.unit,
        review_dates=plan.fixed,
        status="current",
        ended_on=None,
        version=1,
        author_name="",
        goals=(),
        reviews=(),
        next_review_on=plan.nexts[0],
    )
    details = (
        f"Reviewed {info.schedule_text}; first review due {dates.format_date(info.next_review_on)}."
        if info.next_review_on
        else f"Reviewed {info.schedule_text}."
    )
    if plan.number > 1:
        details += (
            f" Replaces plan {plan.number - 1}, carrying over {carried} open "
            f"goal{'s' if carried != 1 else ''}."
        )
    return details


def _weekday(o: int, first: int, last: int) -> int:
    """Day ``o`` moved off a weekend to the Friday before or the Monday after, within
    ``first`` to ``last`` where it can be."""
    weekday = (o - 1) % 7  # ordinal 1 was a Monday
    if weekday < 5:
        return o
    friday, monday = o - (weekday - 4), o + (7 - weekday)
    return friday if friday >= first or monday > last else monday


def _goals(positions: Sequence[int]) -> str:
    """[2] -> "Goal 2"; [1, 3] -> "Goals 1 and 3"."""
    if len(positions) == 1:
        return f"Goal {positions[0]}"
    return f"Goals {', '.join(map(str, positions[:-1]))} and {positions[-1]}"


# Which routine pool each note type draws from: 0 remote, 1 in person, 2 at home.
_POOL_OF_TYPE = {"home visit": 2, "office visit": 1, "video call": 1, "meeting": 1}
_MARKERS = {"[home] ": 2, "[seen] ": 1}


def _routine_pools(topics: Sequence[txt.Topic]) -> tuple[list[str], list[str], list[str]]:
    """The topics' routine sentences that suit remote, in-person and home contacts."""
    pools: tuple[list[str], list[str], list[str]] = ([], [], [])
    for topic in topics:
        for sentence in topic.routine:
            level = 0
            for marker, marker_level in _MARKERS.items():
                if sentence.startswith(marker):
                    sentence, level = sentence[len(marker) :], marker_level
            for i in range(level, 3):
                pools[i].append(sentence)
    return pools


def _gendered(surname: str, female: bool) -> str:
    """Polish surnames in -ski/-cki take -ska/-cka for women."""
    if female and surname.endswith(("ski", "cki", "dzki")):
        return surname[:-1] + "a"
    return surname


def _username(name: str) -> str:
    """ "Sinéad O'Neill" -> "sinead.oneill"."""
    return ".".join("".join(ch for ch in part if ch.isalnum()) for part in fold(name).split())


def _id(model: type[pw.Model]) -> Any:
    """The model's id field (peewee's type stubs don't know about the implicit ``id``)."""
    return model._meta.primary_key


def _next_id(model: type[pw.Model]) -> int:
    return int(model.select(pw.fn.MAX(_id(model))).scalar() or 0) + 1


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in query.tuples()]


@functools.cache  # the same few hundred names and places, thousands of times
def _slug(text: str) -> str:
    """An organisation's or a person's name as part of an email address."""
    words = fold(text).replace("'", "").replace("-", " ").split()
    kept = [w for w in words if w not in txt.DOMAIN_STOPWORDS] or words
    return "".join(ch for ch in "".join(kept) if ch.isalnum() and ch.isascii())


def _nhs_number(rng: random.Random) -> str:
    """A well-formed NHS number in the 999 range, which is never issued to patients."""
    while True:
        digits = [9, 9, 9, *(rng.randrange(10) for _ in range(6))]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check != 10:
            text = "".join(map(str, digits)) + str(check % 11)
            return f"{text[:3]} {text[3:6]} {text[6:]}"


def _upn(rng: random.Random) -> str:
    """A school Unique Pupil Number's shape: check letter, LA, school, year, serial."""
    digits = f"{rng.randint(201, 938):03d}{rng.randint(2000, 7999):04d}{rng.randint(10, 25):02d}"
    digits += f"{rng.randrange(1000):03d}"
    total = sum(int(d) * (i + 2) for i, d in enumerate(digits))
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23] + digits
