"""Demo data: a plausible caseload for trying Caseline out and for measuring it.

``generate()`` writes workers, clients, cases, allocations, notes and chronology entries in one
write transaction. Everything comes from one ``random.Random(seed)`` and the ``today`` passed
in, so the same arguments give the same database content. The names, addresses and phone
numbers are made up (the phone numbers are in Ofcom's ranges reserved for drama).

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
from typing import Any

import peewee as pw

from . import dates
from . import demo_text as txt
from .models import (
    Allocation,
    Case,
    ChronologyEntry,
    Client,
    Contact,
    Counter,
    Note,
    Professional,
    SummaryVersion,
    Worker,
)
from .records import CaseStatus
from .service import Store, display_name_for
from .textsafe import fold

SPAN_DAYS = 6 * 365  # how far back case openings go
OPEN_SHARE = 0.70
CLOSED_SHARE = 0.20  # the rest are referrals
TRANSFERRED_SHARE = 0.15
REPEAT_CLIENT_SHARE = 0.02  # clients with an old closed case and a newer one
SIGNIFICANT_SHARE = 0.08
MY_OPEN_CASES = (22, 30)
REVIEW_SHARE = 0.75
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
    seconds: float

    def lines(self) -> list[str]:
        """A short human summary, one line per fact group."""
        return [
            f"Wrote {_count(self.cases, 'case')} ({self.open:,} open, {self.closed:,} closed, "
            f"{_count(self.referrals, 'referral')}; {self.transferred:,} transferred) "
            f"for {_count(self.workers, 'worker')}",
            f"{_count(self.clients, 'client')}, {_count(self.notes, 'note')}, "
            f"{_count(self.chronology, 'chronology entry', 'chronology entries')}",
            f"{_count(self.contacts, 'contact')} in support networks, "
            f"{_count(self.professionals, 'professional')} involved, "
            f"{_count(self.summaries, 'case summary', 'case summaries')} "
            f"({_count(self.summary_versions, 'version')})",
            f"in {self.seconds:.1f} s",
        ]


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


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
    with store.database.writing():
        # The case-file extras draw from their own stream, so adding them left the rest of a
        # seed's data as it was.
        extra = random.Random(f"caseline-demo-case-file:{seed}")
        chron = random.Random(f"caseline-demo-chronology:{seed}")
        report = _Generator(random.Random(seed), day, me.strip(), extra, chron).run(
            cases, notes_per_case, workers
        )
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
        self.review: int | None = None
        self.closure_reason = ""
        self.creator = 0  # worker index of whoever recorded the case
        self.id = 0
        self.ref = ""


class _Generator:
    """One run of the demo generator (state shared by the planning and writing steps)."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        me: str,
        extra: random.Random,
        chron: random.Random,
    ) -> None:
        self.rng = rng
        self.x = extra  # everything added with the case file (contacts, summaries...)
        self.cx = chron  # manual chronology entries and analyses
        self.today = today
        self.t0 = today.toordinal()
        self.me = me
        self._offsets: dict[int, timedelta] = {}
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
        self._write_people(plan)
        contacts = self._write_contacts(plan)
        professionals = self._write_professionals(plan)
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
            rows.append((next_id, username, display, "worker", True, created, created))
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
        """Review date for open cases; closure reason for closed ones."""
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
                    date.fromordinal(case.review) if case.review is not None else None,
                    case.review is not None,
                    created,
                    updated,
                    workers[case.creator][0],
                    1,
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
            f"{_count(months, 'month')} the work focused on: {'; '.join(concerns)}. {outcome}"
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
        """Support networks: 0-4 people per client, family named like the client."""
        x = self.x
        workers = self.workers
        first_case: dict[int, _Case] = {}
        for case in plan:
            first_case.setdefault(case.client, case)
        contact_id = _next_id(Contact)
        rows: list[tuple[Any, ...]] = []
        notes_for_child = txt.CONTACT_NOTES + txt.CONTACT_NOTES_CHILD
        notes_for_adult = txt.CONTACT_NOTES + txt.CONTACT_NOTES_ADULT
        for k in self.client_order:
            p = self.people[k]
            case = first_case[k]
            wanted = x.choices((0, 1, 2, 3, 4), (10, 30, 30, 20, 10))[0]
            if not wanted:
                continue
            ctx = p.ctx
            at = self._stamp(case.opened * 1440 + 560)
            taken = {ctx["c"], ctx["fn"]}
            people: list[tuple[str, str, bool]] = []  # (name, relationship, lives with client)
            if not p.family and x.random() < 0.85:
                # The relative the notes talk about; a child's carer lives with the child.
                lives_with = p.child or ctx["rel"] in ("husband", "wife")
                people.append((ctx["fnfull"], ctx["rel"], lives_with))
            pool = txt.CHILD_NETWORK if p.child else txt.ADULT_NETWORK
            used = {ctx["rel"]} if people else set()
            for _ in range(12):
                if len(people) >= wanted:
                    break
                rel, sex = x.choice(pool)
                if rel in used and rel in txt.FAMILY_RELATIONSHIPS:
                    continue  # one mother, one grandfather...
                if not p.child and (
                    (rel == "mother" and p.age > 70) or (rel in ("son", "daughter") and p.age < 36)
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
                people.append((f"{first} {_gendered(surname, female)}", rel, False))
            for name, rel, lives_with in people:
                roll = x.random()
                if roll < 0.85:
                    phone = f"07700 900{x.randrange(1000):03d}"
                elif roll < 0.93:
                    phone = f"01632 960{x.randrange(1000):03d}"
                else:
                    phone = ""
                if lives_with:
                    address = p.address
                elif x.random() < 0.3:
                    address = self._place(x)[0]
                else:
                    address = ""
                notes = ""
                if x.random() < 0.35:
                    choices = notes_for_child if p.child else notes_for_adult
                    if p.language and rel in txt.FAMILY_RELATIONSHIPS:
                        choices = (*choices, txt.CONTACT_NOTES_LANGUAGE)
                    notes = x.choice(choices).format(c=ctx["c"], language=p.language)
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
            events.append(f"- {_count(seen, 'contact')} recorded since allocation on {allocated}.")
            if closing:
                outcome = txt.CLOSING_OUTCOMES[case.closure_reason].format_map(ctx)
                position = f"Case closed on {self._long_day(o)}: {case.closure_reason}. {outcome}"
            else:
                position = (
                    f"Work continues on {concerns[0]}. "
                    f"{x.choice(txt.SUMMARY_POSITION).format_map(ctx)}"
                )
                if last and case.review is not None:
                    position += f" Next review due {self._long_day(case.review)}."
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
        offset = self._offsets.get(o)
        if offset is None:
            # Office hours never straddle a clock change, so one offset per day will do.
            noon = datetime.fromordinal(o).replace(hour=12)
            try:
                utc = dates.to_utc(noon)
                if utc.tzinfo is not None:
                    utc = utc.astimezone(UTC).replace(tzinfo=None)
                offset = utc - noon
            except (AttributeError, OverflowError, OSError, ValueError):
                offset = timedelta(0)
            self._offsets[o] = offset
        return datetime.fromordinal(o) + timedelta(minutes=minute) + offset

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
