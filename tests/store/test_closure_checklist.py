"""The closure checklist: items marked as the work is done, saved against their version, hints
from the case's records, and closing with items open only with a reason, recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from store.cases.records import CaseDetail, ClosureChecklist
from store.common import dates
from store.common.errors import Conflict, InvalidInput, NotPermitted
from store.common.records import CaseStatus, WorkerInfo
from store.core.models import ClosureCheck, Worker
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]
KEYS = ["achievements", "network", "independence", "actions", "summary", "final_summary"]


@pytest.fixture
def case(make_case: MakeCase) -> CaseDetail:
    return make_case(client_name="Dana Reyes", allocated_on="1/6/2026")


def mark(
    store: Store, actor: WorkerInfo, case_id: int, key: str, state: str, reason: str = ""
) -> ClosureChecklist:
    version = store.cases.closure_checklist(actor, case_id).item(key).version
    return store.cases.mark_closure_item(
        actor, case_id, key, {"state": state, "reason": reason}, version=version
    )


def states(checklist: ClosureChecklist) -> dict[str, tuple[str, str]]:
    return {i.key: (i.state, i.reason) for i in checklist.items}


def test_a_new_case_has_every_item_open_and_hints_say_what_is_missing(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    checklist = store.cases.closure_checklist(me, case.id)
    assert [i.key for i in checklist.items] == KEYS
    assert [i.key for i in checklist.open_items] == KEYS
    assert {i.key: i.hint for i in checklist.items} == {
        "achievements": "no service plan",
        "network": "no support network recorded",
        "independence": "no professionals involved now",
        "actions": "no plan or conference actions open",
        "summary": "no summary written",
        "final_summary": "",
    }
    assert all(i.version == 0 and i.changed_by == "" for i in checklist.items)


def test_hints_are_computed_from_the_case_records(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    # The summary was last written four months ago.
    with dates.frozen(datetime(2026, 7, 20, 10, 0)):
        store.case_file.save_summary(me, case.id, "## Background", base=None)
    for name in ("Rosa Reyes", "Luis Reyes"):
        store.case_file.add_contact(me, case.client_id, {"name": name, "relationship": "sibling"})
    gp = store.case_file.add_professional(
        me, case.id, {"name": "Dr Amir Khan", "agency": "Hillside GP", "role": "GP"}
    )
    store.case_file.add_professional(
        me,
        case.id,
        {"name": "Kim Lee", "agency": "Northside", "ended_on": "1/10/2026"},
    )
    plan = store.plans.start(me, case.id, {"started_on": "1/9/2026", "review_interval": "6 weeks"})
    goal = store.plans.add_goal(
        me,
        plan.id,
        {
            "domain": "health",
            "change": "Attend three diabetes education classes at the health centre",
            "measure": "classes attended, from the centre's register",
            "target": "3 of 3",
            "relevance": "I want to be well",
            "target_on": "1/2/2027",
            "client_agreed": "yes",
            "achievable": "yes",
        },
    )
    for what in ("Book the classes", "Lift to class"):
        store.plans.add_action(me, goal.id, {"what": what, "owner": "client", "due_on": "+2w"})
    done = store.plans.current(me, case.id).goals[0].actions[0]  # type: ignore[union-attr]
    store.plans.update_action(
        me,
        done.id,
        {"what": done.what, "owner": "client", "due_on": "+2w", "status": "done"},
        version=done.version,
    )
    current = store.plans.current(me, case.id)
    assert current is not None
    store.plans.review(
        me,
        plan.id,
        {
            "held_on": "12/10/2026",
            "client_present": "yes",
            "client_views": "Going well.",
            f"rating_{goal.id}": "progressing",
            f"evidence_{goal.id}": "Seen",
            f"decision_{goal.id}": "continue",
        },
    )
    draft = store.conferences.start(
        me,
        case.id,
        {
            "held_at": "20/11/2026 14:00",
            "conference_type": "Case Conference",
            "chair": "Jo Marsh",
            "minute_taker": "Sam Okafor",
            "place": "Hillside",
            "attendees": [{"who": f"professional:{gp.id}"}, {"who": "worker"}],
            "actions": [
                {"what": "Send the GP letter", "owner": "attendee:0", "due_on": "30/11/2026"}
            ],
        },
    )
    store.conferences.finalise(me, draft.id, version=draft.version)

    hints = {i.key: i.hint for i in store.cases.closure_checklist(me, case.id).items}
    assert hints == {
        "achievements": "last plan review 12 Oct 2026, with the client",
        "network": "2 people in the support network",
        "independence": "1 professional involved now",
        "actions": "1 plan action and 1 conference action still open",
        "summary": "summary last written 4 months ago, over 3 months old",
        "final_summary": "",
    }
    summary = store.cases.closure_checklist(me, case.id, summary_max_age_months=6).item("summary")
    assert summary.hint == "summary last written 4 months ago"


def test_items_are_saved_as_they_are_marked_and_kept_in_the_history(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    mark(store, me, case.id, "achievements", "done")
    mark(store, me, case.id, "network", "not applicable", "  Lives alone by choice  ")
    after = mark(store, other, case.id, "achievements", "open")
    assert states(after)["achievements"] == ("open", "")
    assert states(after)["network"] == ("not applicable", "Lives alone by choice")
    # Read again from the file, as another process would.
    reopened = Store.open(store.database.location)
    try:
        again = reopened.cases.closure_checklist(me, case.id)
    finally:
        reopened.close()
    assert again == after
    network = again.item("network")
    assert (network.version, network.changed_by) == (1, "Sam Okafor")
    assert again.item("achievements").version == 2
    lines = [
        (label, c.field, c.old_value, c.new_value)
        for label, c in store.case_file.case_history(me, case.id)
        if label.startswith("Closure checklist")
    ]
    assert sorted(lines) == sorted(
        [
            ("Closure checklist: Achievements reviewed with the client", "state", "open", "done"),
            ("Closure checklist: Achievements reviewed with the client", "state", "done", "open"),
            ("Closure checklist: Support network recorded", "state", "open", "not applicable"),
            ("Closure checklist: Support network recorded", "reason", "", "Lives alone by choice"),
        ]
    )
    marked = [e for e in store.audit.events(_auditor(store)) if e.action == "closure-item-marked"]
    assert [e.detail for e in marked] == [
        "Achievements reviewed with the client: open",
        "Support network recorded: not applicable",
        "Achievements reviewed with the client: done",
    ]


def _auditor(store: Store) -> WorkerInfo:
    auditor = store.workers.ensure("audrey.hale")
    with store.database.writing():
        Worker.update(role="auditor").where(Worker.id == auditor.id).execute()
    return store.workers.named("audrey.hale")


@pytest.mark.parametrize(
    ("data", "field", "says"),
    [
        ({"state": "not applicable", "reason": "  "}, "reason", "Say why this doesn't apply"),
        ({"state": "not applicable", "reason": "x" * 501}, "reason", "too long"),
        ({"state": "maybe"}, "state", 'No state "maybe"'),
        ({"state": ""}, "state", "Choose the state"),
    ],
)
def test_not_applicable_needs_a_reason_and_a_state_must_be_known(
    store: Store, me: WorkerInfo, case: CaseDetail, data: dict[str, str], field: str, says: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        store.cases.mark_closure_item(me, case.id, "network", data, version=0)
    assert says in exc.value.errors[field]
    assert store.cases.closure_checklist(me, case.id).item("network").version == 0


def test_a_reason_is_kept_only_for_an_item_that_does_not_apply(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    done = store.cases.mark_closure_item(
        me, case.id, "network", {"state": "done", "reason": "stray"}, version=0
    )
    assert states(done)["network"] == ("done", "")


def test_marking_an_item_someone_marked_since_is_refused_with_theirs(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    seen = store.cases.closure_checklist(other, case.id).item("actions")  # version 0
    store.cases.mark_closure_item(
        me, case.id, "actions", {"state": "not applicable", "reason": "No plan"}, version=0
    )
    with pytest.raises(Conflict) as exc:
        store.cases.mark_closure_item(
            other, case.id, "actions", {"state": "done"}, version=seen.version
        )
    conflict = exc.value
    assert str(conflict).startswith(
        'Sam Okafor marked "Open plan and conference actions resolved or handed on" on the '
        "closure checklist"
    )
    assert conflict.current == {"state": "not applicable", "reason": "No plan"}
    assert conflict.version == 1
    assert states(store.cases.closure_checklist(me, case.id))["actions"] == (
        "not applicable",
        "No plan",
    )
    # Having seen theirs, saving over it is deliberate.
    over = store.cases.mark_closure_item(
        other, case.id, "actions", {"state": "done"}, version=conflict.version
    )
    assert over.item("actions").state == "done"
    assert over.item("actions").changed_by == "Priya Nair"


def test_only_practitioners_mark_and_a_closed_case_keeps_its_checklist(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    with pytest.raises(NotPermitted):
        store.cases.mark_closure_item(
            _auditor(store), case.id, "network", {"state": "done"}, version=0
        )
    store.cases.close(
        me, case.id, {"reason": "work completed", "open_items_reason": "Moved away"}, version=1
    )
    with pytest.raises(InvalidInput) as exc:
        store.cases.mark_closure_item(me, case.id, "network", {"state": "done"}, version=0)
    assert "is closed" in exc.value.errors["form"]


def test_closing_with_items_open_needs_a_reason_and_records_it(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    mark(store, me, case.id, "achievements", "done")
    mark(store, me, case.id, "network", "not applicable", "Lives alone by choice")
    form = {"closed_on": "20/11/2026", "reason": "client moved out of the area"}
    with pytest.raises(InvalidInput) as exc:
        store.cases.close(me, case.id, form, version=case.version)
    assert exc.value.errors == {
        "open_items_reason": (
            "4 items of the closure checklist are still open: say why the case is closing "
            "with them open."
        )
    }
    assert store.cases.get(me, case.id).status is CaseStatus.OPEN
    closed = store.cases.close(
        me,
        case.id,
        {**form, "open_items_reason": "Moved abroad at a day's notice", "closing_summary": "Gone."},
        version=case.version,
    )
    assert closed.status is CaseStatus.CLOSED
    entry = store.chronology.entries(me, case.id)[-1]
    assert entry.title == "Case closed"
    assert entry.details == (
        "Reason: client moved out of the area.\n\n"
        "Closure checklist: 1 done, 1 not applicable, 4 open.\n"
        "- Achievements reviewed with the client: done\n"
        "- Support network recorded: not applicable (Lives alone by choice)\n"
        "- Independent access to services recorded: open\n"
        "- Open plan and conference actions resolved or handed on: open\n"
        "- Case summary current: open\n"
        "- Final summary written: open\n\n"
        "Closed with items open because: Moved abroad at a day's notice\n\n"
        "Gone."
    )
    [event] = [e for e in store.audit.events(_auditor(store)) if e.action == "case-closed"]
    assert event.detail == (
        "client moved out of the area; 4 of the closure checklist open: "
        "Moved abroad at a day's notice"
    )


def test_closing_with_every_item_marked_needs_no_reason(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    for key in KEYS[:-1]:
        mark(store, me, case.id, key, "done")
    mark(store, me, case.id, "final_summary", "not applicable", "Summary is in the plan")
    closed = store.cases.close(
        me, case.id, {"reason": "work completed", "open_items_reason": "ignored"}, version=1
    )
    details = store.chronology.entries(me, case.id)[-1].details
    assert "Closure checklist: 5 done, 1 not applicable, 0 open." in details
    assert "because" not in details and "ignored" not in details
    assert closed.status is CaseStatus.CLOSED


def test_a_final_summary_ticked_needs_the_closing_summary(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    mark(store, me, case.id, "final_summary", "done")
    form = {"reason": "work completed", "open_items_reason": "Rest not done"}
    with pytest.raises(InvalidInput) as exc:
        store.cases.close(me, case.id, form, version=1)
    assert "final summary is written" in exc.value.errors["closing_summary"]
    store.cases.close(me, case.id, {**form, "closing_summary": "All done."}, version=1)


def test_the_close_checks_the_checklist_as_it_is_when_it_saves(
    store: Store, me: WorkerInfo, case: CaseDetail, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An item reopened by a colleague after the form was checked still needs a reason."""
    for key in KEYS:
        mark(store, me, case.id, key, "not applicable", "n/a")
    from store.cases import lifecycle

    real = lifecycle.read_checklist
    calls = 0

    def colleague_reopens_one_first(case_id: int) -> ClosureChecklist:
        nonlocal calls
        calls += 1
        if calls == 2:  # the read inside the write transaction
            ClosureCheck.update(state="open", reason="").where(
                ClosureCheck.case == case_id, ClosureCheck.item == "summary"
            ).execute()
        return real(case_id)

    monkeypatch.setattr(lifecycle, "read_checklist", colleague_reopens_one_first)
    with pytest.raises(InvalidInput) as exc:
        store.cases.close(me, case.id, {"reason": "work completed"}, version=1)
    assert "1 item of the closure checklist is still open" in exc.value.errors["open_items_reason"]
    assert store.cases.get(me, case.id).status is CaseStatus.OPEN
