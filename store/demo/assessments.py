"""The demo's assessments: long-running cases (open a year or more) assessed every few months,
two to four final versions each, the later ones copied from the one before and brought up to
date, with ratings that move (mostly towards less need, sometimes back) so the ratings over
time have something to show. Deterministic: one seeded stream of its own."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from store.assessments.models import Assessment, AssessmentDomain
from store.common import dates
from store.common.records import CaseStatus
from store.common.settings import ASSESSMENT_DOMAINS, ASSESSMENT_SCALE
from store.core.models import Case
from store.core.rows import tuples

LONG_CASE_DAYS = 365  # a case open this long has been assessed more than once
SHARE = 0.6  # of the long cases

# For some domains: (strengths, needs, the client's view), a few of each to draw from.
TEXTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "physical health and medication": (
        ("Registered with a GP and keeps appointments.", "Takes medication as prescribed."),
        ("Diabetes poorly controlled; missed two reviews.", "Back pain limits walking."),
        ("I feel better when I eat properly.", "The tablets make me tired."),
    ),
    "mental health and coping": (
        ("Sees a counsellor fortnightly.", "Uses a walk to calm down when stressed."),
        ("Low mood through the winter.", "Anxiety about letters and bills."),
        ("Some days I can't face opening the door.", "Talking helps more than I thought."),
    ),
    "housing": (
        ("Pays the rent by standing order.", "Good relationship with the landlord."),
        ("Rent arrears and a notice seeking possession.", "Damp in the children's bedroom."),
        ("I just want somewhere safe for the kids.", "It's home now; I want to stay."),
    ),
    "finances and benefits": (
        ("Keeps a weekly budget.", "Universal Credit in payment."),
        ("Debts to three creditors.", "Benefit sanction last spring."),
        ("Money is always gone by the third week.", "I'd rather sort it myself."),
    ),
    "relationships and family": (
        ("Close to her sister, who helps with school runs.", "Good friends at church."),
        ("Contact with the children's father is difficult.", "Isolated since the move."),
        ("My sister is the one I can count on.", "I don't want him back in the house."),
    ),
    "safety and risk": (
        ("Has a safety plan and knows who to call.", "Door chain and spy hole fitted."),
        ("History of domestic abuse; ex-partner released recently.", "Neighbour disputes."),
        ("I feel safer with the new lock.", "I still look over my shoulder."),
    ),
}
SUMMARIES = (
    "Settling into the flat; money still tight but the arrears are coming down.",
    "A difficult few months after the benefit change; more support needed with bills.",
    "Steady progress: health appointments kept and the children settled at school.",
    "Engaging well; the client now leads on most of the actions in the plan.",
)
GOALS = (
    "- Keep the flat\n- Get the debts down to one payment",
    "- Feel well enough to go back to work part-time",
    "- The children safe and happy at school\n- A bit of time for myself",
)


def write_assessments(rng: random.Random, today: date) -> int:
    """Write the demo's assessments into the open write transaction; returns how many."""
    cases = list(
        tuples(
            Case.select(Case.id, Case.worker, Case.allocated_on, Case.status, Case.closed_on)
            .where(
                Case.worker.is_null(False),
                Case.allocated_on.is_null(False),
                Case.status != CaseStatus.REFERRAL.value,
            )
            .order_by(Case.id)
        )
    )
    written = 0
    top = len(ASSESSMENT_SCALE) - 1
    for case_id, worker_id, allocated_on, status, closed_on in cases:
        end = closed_on if status == CaseStatus.CLOSED.value and closed_on else today
        if (end - allocated_on).days < LONG_CASE_DAYS or rng.random() > SHARE:
            continue
        count = rng.randint(2, 4)
        first = allocated_on + timedelta(days=rng.randint(20, 60))
        gap = max(60, (end - first).days // count)
        levels = {name: rng.randint(0, top) for name in ASSESSMENT_DOMAINS}
        for number in range(count):
            as_at = min(end, first + timedelta(days=gap * number + rng.randint(0, 20)))
            if number:
                for name in levels:  # mostly less need, now and then more
                    step = rng.choice((-1, -1, 0, 0, 0, 1))
                    levels[name] = min(top, max(0, levels[name] + step))
            at = dates.to_utc(datetime.combine(as_at, time(16, 0))).replace(tzinfo=None)
            row = Assessment.create(
                case=case_id,
                author=worker_id,
                as_at=as_at,
                status="final",
                summary=rng.choice(SUMMARIES),
                goals=rng.choice(GOALS),
                copied_from=None,
                finalised_at=at,
                created_at=at,
                updated_at=at,
                updated_by=worker_id,
                version=2,
            )
            domains = []
            for position, name in enumerate(ASSESSMENT_DOMAINS, 1):
                strengths, needs, views = TEXTS.get(name, ((), (), ()))
                rated = name in TEXTS or rng.random() < 0.3
                level = levels[name]
                domains.append(
                    {
                        "assessment": row.id,
                        "position": position,
                        "domain": name,
                        "strengths": rng.choice(strengths) if strengths else "",
                        "needs": rng.choice(needs) if needs and level else "",
                        "client_view": rng.choice(views) if views and rng.random() < 0.7 else "",
                        "rating": ASSESSMENT_SCALE[level] if rated else "",
                    }
                )
            AssessmentDomain.insert_many(domains).execute()
            written += 1
    return written
