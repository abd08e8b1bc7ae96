"""Restricted cases: only the worker holding one and the workers named for it open it; others
see that it exists and whom to ask; opening one you were named for asks why, and is audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.cases.detail import RESTRICTED_NAME
from store.common.errors import Conflict, InvalidInput, NotPermitted, ReasonNeeded
from store.common.records import WorkerInfo
from store.core.models import AuditEvent, RecordChange
from store.service import Store
from tests.conftest import Prebuilt, new_database
from tests.store.test_permissions import staffed

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

NOTE = {"contact_at": "today 9:30", "note_type": "home visit", "body": "Visited at home."}


@pytest.fixture
def setting(tmp_path: Path, prebuilt: Prebuilt) -> tuple[Store, dict[str, WorkerInfo], int]:
    """Team North (a worker holding the case, a colleague, a supervisor, a manager, an auditor),
    a worker of team South, and the case, restricted to the holder and sol.south."""
    store = Store.open(prebuilt(tmp_path / "restricted.db", new_database))
    people = staffed(store)
    case = store.cases.create(
        people["nia.north"], {"client_name": "Rosa Diaz", "allocated_on": "1/6/2026"}
    )
    store.cases.restrict(
        people["nia.north"],
        case.id,
        {"restricted": "yes", "named": "sol.south", "reason": "A colleague's sister"},
        version=case.version,
    )
    yield store, people, case.id
    store.close()


def test_only_the_holder_and_the_named_open_it_whatever_their_role(
    setting: tuple[Store, dict[str, WorkerInfo], int],
) -> None:
    store, people, case_id = setting
    holder, named = people["nia.north"], people["sol.south"]
    assert store.case_file.view(holder, case_id).detail.restricted
    # Named: reads it and, being a worker, writes in it, though another team's.
    store.case_file.view(named, case_id, opening=True, reason="Covering Nia's duty calls")
    store.notes.finalise(named, case_id, NOTE)
    # Everyone else is refused, the manager and the team's supervisor included.
    for login in ("sue.super", "meg.manager", "aud.auditor", "wes.worker"):
        with pytest.raises(NotPermitted, match=r"restricted.*ask Nia North, who holds it"):
            store.case_file.view(people[login], case_id)
        with pytest.raises(NotPermitted):
            store.notes.for_case(people[login], case_id)


def test_others_see_that_it_exists_and_whose_it_is_but_not_who(
    setting: tuple[Store, dict[str, WorkerInfo], int],
) -> None:
    store, people, case_id = setting
    [row] = [r for r in store.cases.caseload(people["meg.manager"], scope="all") if r.id == case_id]
    assert (row.client_name, row.worker_name, row.flags, row.restricted) == (
        RESTRICTED_NAME,
        "Nia North",
        (),
        True,
    )
    assert "rosa" not in row.search_key
    assert store.cases.find(people["meg.manager"], "Rosa") == []
    assert [r.client_name for r in store.cases.find(people["meg.manager"], row.ref)] == [
        RESTRICTED_NAME
    ]
    # The holder and the named see the name; the named find it though not of their team.
    assert [r.client_name for r in store.cases.caseload(people["nia.north"])] == ["Rosa Diaz"]
    assert [r.client_name for r in store.cases.find(people["sol.south"], "rosa")] == ["Rosa Diaz"]
    # The duplicate check says a restricted client may be this person, and whose, not who.
    [candidate] = store.cases.possible_duplicates(people["wes.worker"], "Rosa Diaz")
    assert (candidate.name, candidate.date_of_birth, candidate.cases[0][3]) == (
        RESTRICTED_NAME,
        None,
        "Nia North",
    )
    [mine] = store.cases.possible_duplicates(people["sol.south"], "Rosa Diaz")
    assert mine.name == "Rosa Diaz"


def test_opening_it_as_one_named_asks_why_and_the_reason_is_audited(
    setting: tuple[Store, dict[str, WorkerInfo], int],
) -> None:
    store, people, case_id = setting
    named = people["sol.south"]
    with pytest.raises(ReasonNeeded, match="restricted: say why you are opening it"):
        store.case_file.view(named, case_id, opening=True)
    with pytest.raises(InvalidInput) as blank:
        store.case_file.view(named, case_id, opening=True, reason="   ")
    assert set(blank.value.errors) == {"reason"}
    store.case_file.view(named, case_id, opening=True, reason="Duty call from the school")
    store.case_file.view(named, case_id)  # a reload asks nothing
    store.case_file.view(people["nia.north"], case_id, opening=True)  # the holder: never asked
    with store.database.reading():
        openings = [
            (e.login, e.detail)
            for e in AuditEvent.select()
            .where(AuditEvent.action == "case-file-opened")
            .order_by(AuditEvent.id)
        ]
    assert openings == [("sol.south", "reason: Duty call from the school"), ("nia.north", "")]


def test_restricting_is_checked_kept_in_the_history_and_audited(
    setting: tuple[Store, dict[str, WorkerInfo], int],
) -> None:
    store, people, case_id = setting
    holder = people["nia.north"]
    shown = store.cases.restriction(holder, case_id)
    assert (shown.restricted, shown.named, shown.reason, shown.may_change) == (
        True,
        (("sol.south", "Sol South"),),
        "A colleague's sister",
        True,
    )
    bad = [
        ({"restricted": "yes", "named": "", "reason": ""}, "reason", "Say why"),
        ({"restricted": "yes", "named": "no.such", "reason": "x"}, "named", "'no.such'"),
        ({"restricted": "yes", "named": "ada.admin", "reason": "x"}, "named", "administrator"),
        ({"restricted": "maybe", "reason": "x"}, "restricted", "yes or no"),
        ({"restricted": "yes", "named": "Bad Login!", "reason": "x"}, "named", "login"),
    ]
    for data, field, says in bad:
        with pytest.raises(InvalidInput) as exc:
            store.cases.restrict(holder, case_id, data, version=shown.version)
        assert says in exc.value.errors[field], exc.value.errors
    # A named worker reads it but may not change who is named (their role's "manage").
    with pytest.raises(NotPermitted):
        store.cases.restrict(
            people["sol.south"], case_id, {"restricted": "no"}, version=shown.version
        )
    lifted = store.cases.restrict(holder, case_id, {"restricted": "no"}, version=shown.version)
    assert (lifted.restricted, lifted.named, lifted.reason) == (False, (), "")
    with pytest.raises(Conflict):
        store.cases.restrict(holder, case_id, {"restricted": "no"}, version=shown.version)
    store.case_file.view(people["meg.manager"], case_id, opening=True)  # open to all again
    with store.database.reading():
        actions = [
            e.action
            for e in AuditEvent.select()
            .where(
                AuditEvent.action.startswith("case-restrict")
                | (AuditEvent.action == "case-unrestricted")
            )
            .order_by(AuditEvent.id)
        ]
        fields = {
            c.field
            for c in RecordChange.select().where(
                RecordChange.table == "case", RecordChange.record_id == case_id
            )
        }
    assert actions == ["case-restricted", "case-unrestricted"]
    assert {"restricted", "restricted_to", "restriction_reason"} <= fields


def test_a_refusal_to_one_not_named_is_audited(
    setting: tuple[Store, dict[str, WorkerInfo], int],
) -> None:
    store, people, case_id = setting
    with pytest.raises(NotPermitted):
        store.case_file.view(people["meg.manager"], case_id, opening=True)
    with store.database.reading():
        refused = [
            (e.login, e.case_id)
            for e in AuditEvent.select().where(AuditEvent.action == "access-refused")
        ]
    assert refused == [("meg.manager", case_id)]
