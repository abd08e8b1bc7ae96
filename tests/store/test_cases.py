"""Creating cases, the caseload views and flags, references, duplicates and the first
chronology entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from store.cases.records import CaseDetail
from store.common.errors import InvalidInput
from store.common.records import CaseStatus, WorkerInfo
from store.core.models import Case
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]


def test_create_case_stores_client_case_allocation_and_first_chronology_entry(
    store: Store, me: WorkerInfo
) -> None:
    case = store.cases.create(
        me,
        {
            "client_name": "  Zoë   Okafor ",
            "date_of_birth": "3/4/1990",
            "address": "14 Carlton Road, Leeds LS6 2QT",
            "phone": "07700 900123",
            "allocated_on": "-2d",
        },
    )
    assert case.client_name == "Zoë Okafor"
    assert case.date_of_birth == date(1990, 4, 3)  # day first: UK
    assert case.status is CaseStatus.OPEN
    assert case.worker_name == "Sam Okafor"
    assert case.allocated_on == date(2026, 11, 21)
    assert [a.worker_name for a in case.allocations] == ["Sam Okafor"]
    chronology = store.chronology.entries(me, case.id)
    assert len(chronology) == 1
    first = chronology[0]
    assert first.title == "Case allocated to Sam Okafor"
    assert first.occurred_on == date(2026, 11, 21)
    assert first.source_kind == "allocation"
    assert not first.before_current_allocation


def test_month_first_order_is_a_setting(store: Store, me: WorkerInfo) -> None:
    case = store.cases.create(
        me, {"client_name": "Ana Ruiz", "date_of_birth": "3/4/1990"}, dayfirst=False
    )
    assert case.date_of_birth == date(1990, 3, 4)


def test_case_can_be_allocated_to_another_worker(
    store: Store, me: WorkerInfo, other: WorkerInfo
) -> None:
    case = store.cases.create(me, {"client_name": "Ana Ruiz", "worker": other.username})
    assert case.worker_id == other.id
    assert store.chronology.entries(me, case.id)[0].title == "Case allocated to Priya Nair"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("client_name", "", "Client name is required"),
        ("client_name", "   ", "Client name is required"),
        ("client_name", "12345", "must contain letters"),
        ("client_name", "x" * 121, "too long"),
        ("date_of_birth", "31/02/2026", "There is no 31 February 2026"),
        ("date_of_birth", "someday", 'Try "today"'),
        ("date_of_birth", "+3d", "can't be in the future"),
        ("date_of_birth", "1/1/1850", "1900"),
        ("phone", "call me maybe", "Phone may contain digits"),
        ("phone", "123", "between 6 and 20 digits"),
        ("ref", "has space", "no spaces"),
        ("ref", "x" * 31, "up to 30"),
        ("allocated_on", "tomorrow", "can't be in the future"),
        ("allocated_on", "13/13/2026", "Not a valid date"),
        ("worker", "nobody.here", "No worker called"),
    ],
)
def test_bad_input_is_refused_with_a_message_for_the_field_and_nothing_saved(
    store: Store, me: WorkerInfo, field: str, value: str, message: str
) -> None:
    data = {"client_name": "Valid Name", field: value}
    with pytest.raises(InvalidInput) as caught:
        store.cases.create(me, data)
    assert message in caught.value.errors[field]
    assert store.is_empty()


def test_references_are_generated_per_year_and_never_reused(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    first = make_case()
    second = make_case()
    old = make_case(allocated_on="2024-05-01")
    assert (first.ref, second.ref, old.ref) == ("CL-2026-0001", "CL-2026-0002", "CL-2024-0001")
    taken = make_case(ref="CL-2026-0003")
    assert taken.ref == "CL-2026-0003"
    assert make_case().ref == "CL-2026-0004"  # skips the one typed by hand


def test_reference_typed_twice_is_refused(store: Store, make_case: MakeCase) -> None:
    make_case(ref="ABC-1")
    with pytest.raises(InvalidInput) as caught:
        make_case(ref="ABC-1")
    assert "already in use" in caught.value.errors["ref"]


def test_reference_format_is_configurable(db_path: Path) -> None:
    store = Store.open(db_path, ref_format="{yy}/{seq:05d}")
    me = store.workers.ensure("sam")
    assert store.cases.create(me, {"client_name": "Ada Byron"}).ref == "26/00001"
    store.close()


def test_caseload_views(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: MakeCase
) -> None:
    mine = make_case(client_name="Mine Open")
    theirs = make_case(actor=other, client_name="Theirs Open")
    closed = make_case(client_name="Mine Closed")
    with store.database.writing():
        Case.update(status="closed", closed_on=date(2026, 11, 1)).where(
            Case.id == closed.id
        ).execute()

    def names(**kw: object) -> list[str]:
        return [r.client_name for r in store.cases.caseload(me, **kw)]  # type: ignore[arg-type]

    assert names() == ["Mine Open"]
    assert names(scope="all") == ["Mine Open", "Theirs Open"]
    assert names(closed=True) == ["Mine Closed"]
    assert names(scope="all", closed=True) == ["Mine Closed"]
    assert {mine.id, theirs.id} == {r.id for r in store.cases.caseload(me, scope="all")}


def _set(store: Store, case_id: int, **values: object) -> None:
    with store.database.writing():
        Case.update(**values).where(Case.id == case_id).execute()


def test_caseload_flags_and_last_contact(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    fresh = make_case(client_name="Fresh Case")
    stale = make_case(client_name="Stale Case", allocated_on="2026-01-05")
    overdue = make_case(client_name="Overdue Review", allocated_on="2026-01-05")
    _set(store, stale.id, last_contact_at=datetime(2026, 11, 10, 9, 0))
    _set(
        store,
        overdue.id,
        last_contact_at=datetime(2026, 11, 22, 9, 0),
        next_review_on=date(2026, 11, 20),
    )
    rows = {r.client_name: r for r in store.cases.caseload(me)}
    assert rows["Fresh Case"].flags == ("new",)
    assert rows["Fresh Case"].last_contact_at is None
    assert rows["Stale Case"].flags == ("contact",)
    assert rows["Stale Case"].last_contact_at == datetime(2026, 11, 10, 9, 0)
    assert rows["Overdue Review"].flags == ("review",)
    assert fresh.id in {r.id for r in rows.values()}


def test_caseload_sorts_and_filters_unicode_names(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    for name in ["Zoë Adams", "Łukasz Nowak", "Émile Zola", "王小明", "محمد علي", "Anna 🌻 Berg"]:
        make_case(client_name=name)
    rows = store.cases.caseload(me)
    assert [r.client_name for r in rows][:4] == [
        "Anna 🌻 Berg",
        "Émile Zola",
        "Łukasz Nowak",
        "Zoë Adams",
    ]
    keys = {r.client_name: r.search_key for r in rows}
    assert "zoe" in keys["Zoë Adams"]
    assert "lukasz" in keys["Łukasz Nowak"]
    assert "emile" in keys["Émile Zola"]
    assert "王小明" in keys["王小明"]
    assert "محمد" in keys["محمد علي"]
    assert "cl-2026-0001" in keys["Zoë Adams"]


def test_possible_duplicates_cover_every_worker_and_closed_cases(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: MakeCase
) -> None:
    old = make_case(actor=other, client_name="Jonathan Smith", date_of_birth="1/2/1980")
    _set(store, old.id, status="closed")
    make_case(client_name="Maria Garcia", date_of_birth="5/6/1975")
    make_case(client_name="Unrelated Person")

    by_name = store.cases.possible_duplicates(me, "jonathan  SMITH")
    assert [c.name for c in by_name] == ["Jonathan Smith"]
    assert by_name[0].cases[0][1:3] == (old.ref, CaseStatus.CLOSED)
    assert by_name[0].cases[0][3] == "Priya Nair"

    assert [c.name for c in store.cases.possible_duplicates(me, "J Smith")] == ["Jonathan Smith"]
    assert [c.name for c in store.cases.possible_duplicates(me, "Smith Jonathan")] == [
        "Jonathan Smith"
    ]
    assert [c.name for c in store.cases.possible_duplicates(me, "Jonathon Smith")] == [
        "Jonathan Smith"
    ]
    by_dob = store.cases.possible_duplicates(me, "Someone Else", date(1975, 6, 5))
    assert [(c.name, c.reasons) for c in by_dob] == [("Maria Garcia", ("same date of birth",))]
    assert store.cases.possible_duplicates(me, "Completely Different") == []


def test_user_text_is_stored_as_typed_but_control_characters_are_removed(
    store: Store, me: WorkerInfo
) -> None:
    case = store.cases.create(me, {"client_name": "[bold]Smith[/] \x1b]52;c;SEVJTUxP\x07Jo\x00nes"})
    assert case.client_name == "[bold]Smith[/] Jones"


def test_store_never_imports_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, store.service, store.demo.generator, store.common.config, store.common.dates,"
        " store.common.validation;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui')];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_find_cases_by_name_or_reference_across_workers(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: MakeCase
) -> None:
    closed = make_case(client_name="Zoë Closed")
    _set(store, closed.id, status="closed")
    theirs = make_case(actor=other, client_name="Zoe Theirs", worker=other.username)
    make_case(client_name="100% Literal_Name")
    found = store.cases.find(me, "ZOE")
    assert [r.client_name for r in found] == ["Zoe Theirs", "Zoë Closed"]  # open first
    assert store.cases.find(me, theirs.ref.lower())[0].id == theirs.id
    assert [r.client_name for r in store.cases.find(me, "0% L")] == ["100% Literal_Name"]
    assert [r.client_name for r in store.cases.find(me, "%")] == ["100% Literal_Name"]
    assert store.cases.find(me, "a_e") == []  # "_" is not a wildcard: "ame" must not match
    assert store.cases.find(me, "   ") == []


def test_next_ref_previews_without_reserving(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    assert store.cases.next_ref(me) == "CL-2026-0001"
    assert store.cases.next_ref(me) == "CL-2026-0001"
    make_case()
    assert store.cases.next_ref(me) == "CL-2026-0002"
    assert store.cases.next_ref(me, 2019) == "CL-2019-0001"
