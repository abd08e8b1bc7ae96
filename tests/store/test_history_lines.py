"""A case's history worded for a reader: names rather than ids, intervals with their units,
dates as the rest of Caseline writes them."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from store.case_file.history import readable_history
from store.case_file.records import ChangeInfo
from store.cases.records import CaseDetail
from store.common import dates
from store.common.records import WorkerInfo
from store.service import Store
from tests.conftest import FROZEN_NOW

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends


def test_history_lines_name_people_and_read_dates_and_intervals(
    store: Store, me: WorkerInfo, other: WorkerInfo
) -> None:
    case: CaseDetail = store.cases.create(
        me, {"client_name": "Ada Byron", "allocated_on": "1/9/2026"}
    )
    client = store.case_file.client(me, case.client_id)
    store.case_file.update_client(
        me, client.id, {"date_of_birth": "3/4/1990"}, version=client.version
    )
    gp = store.case_file.add_professional(me, case.id, {"name": "Dr Hart", "agency": "Hillside GP"})
    plan = store.plans.start(me, case.id, {"started_on": "today", "review_interval": "6 weeks"})
    # Each save a minute after the one before, as people make them.
    with dates.frozen(FROZEN_NOW + timedelta(minutes=1)):
        plan = store.plans.update_schedule(
            other,
            plan.id,
            {"started_on": "today", "review_interval": "3 months"},
            version=plan.version,
        )
    with dates.frozen(FROZEN_NOW + timedelta(minutes=2)):
        store.plans.update_schedule(
            me,
            plan.id,
            {"started_on": "today", "review_interval": "2 months"},
            version=plan.version,
        )
    goal = store.plans.add_goal(
        me,
        plan.id,
        {
            "domain": "housing",
            "change": "Pay the rent in full each month",
            "measure": "rent statements",
            "target": "no arrears for two months",
            "relevance": "to keep the flat",
            "target_on": "1/3/2027",
            "client_agreed": "yes",
            "achievable": "yes",
        },
    )
    action = store.plans.add_action(
        me, goal.id, {"what": "Letter to housing", "owner": "client", "due_on": "1/12/2026"}
    )
    store.plans.update_action(
        me,
        action.id,
        {"what": "Letter to housing", "owner": f"professional:{gp.id}", "due_on": "1/12/2026"},
        version=action.version,
    )
    store.case_file.remove_professional(me, gp.id, version=gp.version)

    lines = store.case_file.case_history_lines(me, case.id)
    shown = {(line.record, line.field): (line.was, line.now) for line in lines}
    assert shown[("Client", "date of birth")] == ("", "03 Apr 1990")
    assert shown[("Professional: Dr Hart", "removed")][1] == "23 Nov 2026 10:00"
    assert shown[("Plan action: Letter to housing", "professional")] == ("", "Dr Hart")
    assert shown[("Plan action: Letter to housing", "owner")] == ("client", "professional")
    intervals = [
        (line.was, line.now, line.changed_by) for line in lines if line.field == "reviewed"
    ]
    assert intervals == [
        ("every 3 months", "every 2 months", "Sam Okafor"),
        ("every 6 weeks", "every 3 months", "Priya Nair"),
    ]
    for line in lines:  # nothing of how the values are kept shows through
        assert "_" not in line.field
        assert "T" not in line.now[10:11] and "-" not in line.now[4:5]


def test_a_worker_id_in_a_change_is_shown_as_their_name() -> None:
    at = datetime(2026, 11, 3, 10, 0)
    done = ChangeInfo("done_by", None, "7", "Sam Okafor", at)
    when = ChangeInfo("done_at", None, "2026-11-03T10:00:00", "Sam Okafor", at)
    lines = readable_history(
        [("Conference action: Ring the GP", "conference_action", 1, c) for c in (done, when)],
        {7: "Priya Nair"},
        {},
        {},
    )
    assert [(line.field, line.now) for line in lines] == [
        ("done by", "Priya Nair"),
        ("done on", "03 Nov 2026 10:00"),
    ]
