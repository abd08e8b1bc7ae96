"""Plain, immutable records of service plans, their goals, actions and reviews.

Apart from the operations because start-up (the caseload) needs none of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

DOMAINS: tuple[str, ...] = (
    "housing",
    "health",
    "mental health",
    "finances",
    "employment",
    "education",
    "relationships",
    "safety",
    "other",
)
RATINGS: tuple[str, ...] = ("achieved", "progressing", "no change", "worse", "no longer relevant")
DECISIONS: tuple[str, ...] = ("continue", "change", "close goal", "new goal")
ACTION_STATUSES: tuple[str, ...] = ("not started", "in progress", "done", "dropped")
OWNER_KINDS: tuple[str, ...] = ("worker", "client", "family", "professional")
OWNER_LABELS = {
    "worker": "worker",
    "client": "client",
    "family": "family / network",
    "professional": "other agency",
}
REVIEW_UNITS: tuple[str, ...] = ("days", "weeks", "months")


@dataclass(frozen=True, slots=True)
class GoalVersionInfo:
    """A goal as it was worded from ``created_at`` on."""

    id: int
    number: int
    domain: str
    change: str
    measure: str
    target: str
    relevance: str
    target_on: date | None
    client_agreed: bool
    achievable: bool
    achievable_note: str
    reason: str  # why it changed ("" for the first wording)
    created_at: datetime  # naive UTC
    author_name: str


@dataclass(frozen=True, slots=True)
class ActionInfo:
    """A step towards a goal."""

    id: int
    goal_id: int
    what: str
    owner_kind: str
    owner_name: str  # the family member or professional, or "" for the worker / client
    professional_id: int | None
    due_on: date | None
    status: str
    status_note: str
    version: int

    @property
    def is_open(self) -> bool:
        return self.status in ("not started", "in progress")

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def owner_text(self) -> str:
        """ "client", "worker", "Maria Nowak (mother)"."""
        return self.owner_name or OWNER_LABELS.get(self.owner_kind, self.owner_kind)


@dataclass(frozen=True, slots=True)
class RatingInfo:
    """What one review found for one goal, with the goal as worded then."""

    review_id: int
    held_on: date
    goal_id: int
    goal: GoalVersionInfo  # the wording the review judged
    rating: str  # "" when not rated
    evidence: str
    decision: str
    not_rated_reason: str


@dataclass(frozen=True, slots=True)
class GoalInfo:
    """A goal: its current wording, earlier wordings, actions and review history."""

    id: int
    plan_id: int
    position: int  # 1, 2, ... in the plan
    status: str  # open | achieved | closed
    closed_on: date | None
    version: int  # send back when editing
    current: GoalVersionInfo
    versions: tuple[GoalVersionInfo, ...]  # oldest first; the last is ``current``
    actions: tuple[ActionInfo, ...]
    ratings: tuple[RatingInfo, ...]  # oldest review first
    carried_from_plan: int | None = None  # the number of the plan it came from

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def title(self) -> str:
        return f"Goal {self.position}"


@dataclass(frozen=True, slots=True)
class ReviewInfo:
    """A plan review."""

    id: int
    plan_id: int
    held_on: date
    client_present: bool
    client_views: str
    participants: str
    summary: str
    next_review_on: date | None
    author_name: str
    created_at: datetime  # naive UTC
    ratings: tuple[RatingInfo, ...]
    conference_id: int | None = None  # held in this case conference, if it was


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """A service plan with everything in it."""

    id: int
    case_id: int
    number: int
    started_on: date
    review_every: int | None
    review_unit: str  # days | weeks | months; "" with fixed dates
    review_dates: tuple[date, ...]
    status: str  # current | ended
    ended_on: date | None
    version: int
    author_name: str
    goals: tuple[GoalInfo, ...]
    reviews: tuple[ReviewInfo, ...]  # oldest first
    next_review_on: date | None

    @property
    def is_current(self) -> bool:
        return self.status == "current"

    @property
    def open_goals(self) -> tuple[GoalInfo, ...]:
        return tuple(g for g in self.goals if g.is_open)

    @property
    def schedule_text(self) -> str:
        """ "every 6 weeks", "on 1 Mar 2027, 1 Jun 2027", "no review dates set"."""
        from store.common import dates

        if self.review_every and self.review_unit:
            if self.review_every == 1:
                return f"every {self.review_unit.removesuffix('s')}"
            return f"every {dates.format_interval(self.review_every, self.review_unit)}"
        if self.review_dates:
            return "on " + ", ".join(dates.format_date(d) for d in self.review_dates)
        return "no review dates set"

    def owner_counts(self) -> Counter[str]:
        """How many actions (of open and achieved goals alike) each kind of owner holds."""
        return Counter(a.owner_kind for g in self.goals for a in g.actions if a.status != "dropped")


@dataclass(frozen=True, slots=True)
class PlanListItem:
    """A line in the list of a case's plans."""

    id: int
    number: int
    started_on: date
    ended_on: date | None
    status: str
    goals: int
    reviews: int
