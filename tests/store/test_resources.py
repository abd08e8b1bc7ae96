"""The community-resource directory: searching it (words, categories, case and accents
ignored, limited and paged), reading a service whole, adding and correcting entries by hand
with validation and the version check, who may do which, and the audit trail."""

from __future__ import annotations

from typing import Any

import pytest

from store.common.errors import Conflict, InvalidInput, NotFound, NotPermitted
from store.common.records import WorkerInfo
from store.core.models import AuditEvent, RecordChange
from store.service import Store
from tests.postgres_cluster import Outside
from tests.store.test_team_load import staffed

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

FOOD_BANK: dict[str, Any] = {
    "organisation": "Riverside Trust",
    "name": "Riverside Food Bank",
    "description": "Three days' emergency food.",
    "eligibility": "Anyone referred by a professional; proof of address not needed.",
    "area": "Riverside ward",
    "address": "1 Mill Lane, Riverside",
    "phone": "0161 496 0101",
    "email": "food@riverside.example.org",
    "website": "riverside.example.org/food",
    "opening_hours": "Tue and Fri 10:00-13:00",
    "fees": "Free",
    "languages": "English, Polish",
    "categories": "Food, Emergency",
}


def add(store: Store, actor: WorkerInfo, **changes: Any) -> int:
    return store.resources.add(actor, {**FOOD_BANK, **changes}).id


@pytest.fixture
def directory(store: Store, me: WorkerInfo) -> dict[str, int]:
    return {
        "food": add(store, me),
        "zoe": add(
            store,
            me,
            organisation="Zoë's Place",
            name="Café Zoë drop-in",
            description="",
            eligibility="Young people aged 16 to 25 who are homeless or at risk.",
            min_age=16,
            max_age=25,
            categories="Housing; Young people",
            languages="",
        ),
        "debt": add(
            store,
            me,
            organisation="Citywide Advice",
            name="Debt advice line",
            eligibility="Adults with debts of any size.",
            min_age="18",
            categories="Money",
            area="",
        ),
    }


def names(found: list[Any]) -> list[str]:
    return [s.service_name for s in found]


# --- searching --------------------------------------------------------------------------------


def test_a_blank_search_lists_every_service_by_name(
    store: Store, me: WorkerInfo, directory: dict[str, int]
) -> None:
    found = store.resources.search(me)
    assert names(found) == ["Café Zoë drop-in", "Debt advice line", "Riverside Food Bank"]
    assert (found[0].organisation_name, found[0].categories) == (
        "Zoë's Place",
        ("Housing", "Young people"),
    )
    assert (found[0].min_age, found[0].max_age) == (16, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zoe", ["Café Zoë drop-in"]),  # accents ignored
        ("CAFE", ["Café Zoë drop-in"]),  # case ignored
        ("riverside trust", ["Riverside Food Bank"]),  # the organisation's name
        ("homeless", ["Café Zoë drop-in"]),  # eligibility text
        ("young people", ["Café Zoë drop-in"]),  # a category
        ("adults debts", ["Debt advice line"]),  # every word, anywhere
        ("food housing", []),
        ("50%", []),  # a wildcard typed is a character
        ("   ", ["Café Zoë drop-in", "Debt advice line", "Riverside Food Bank"]),
    ],
)
def test_search_finds_every_word_in_name_organisation_category_or_eligibility(
    store: Store, me: WorkerInfo, directory: dict[str, int], text: str, expected: list[str]
) -> None:
    assert names(store.resources.search(me, text)) == expected


def test_a_category_is_matched_whole_and_as_typed_in_any_case(
    store: Store, me: WorkerInfo, directory: dict[str, int]
) -> None:
    assert names(store.resources.search(me, category="money")) == ["Debt advice line"]
    assert names(store.resources.search(me, category="Young")) == []  # not part of one
    assert names(store.resources.search(me, "advice", category="food")) == []
    assert store.resources.categories(me) == [
        "Emergency",
        "Food",
        "Housing",
        "Money",
        "Young people",
    ]


def test_search_is_limited_and_paged(store: Store, me: WorkerInfo) -> None:
    for n in range(12):
        add(store, me, name=f"Service {n:02d}")
    assert names(store.resources.search(me, "service", limit=5)) == [
        f"Service {n:02d}" for n in range(5)
    ]
    assert names(store.resources.search(me, "service", limit=5, offset=10)) == [
        "Service 10",
        "Service 11",
    ]


def test_a_service_is_read_whole(store: Store, me: WorkerInfo, directory: dict[str, int]) -> None:
    food = store.resources.get(me, directory["food"])
    assert food.organisation_name == "Riverside Trust"
    assert food.website == "https://riverside.example.org/food"  # the scheme added
    assert food.languages == ("English", "Polish")
    assert food.categories == ("Food", "Emergency")
    assert (food.hsds_service_id, food.withdrawn, food.version) == ("", False, 1)
    assert store.resources.get(me, directory["zoe"]).ages == "16 to 25"
    assert store.resources.get(me, directory["debt"]).ages == "18 and over"
    with pytest.raises(NotFound, match="No directory service with id 999"):
        store.resources.get(me, 999)


def test_services_of_one_organisation_share_it(store: Store, me: WorkerInfo) -> None:
    one = store.resources.get(me, add(store, me))
    two = store.resources.get(me, add(store, me, organisation="RIVERSIDE trust", name="Clothes"))
    assert one.organisation_id == two.organisation_id
    assert two.organisation_name == "Riverside Trust"


# --- adding and changing by hand --------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "The service's name is required."),
        ("name", "   ", "The service's name is required."),
        ("organisation", "", "The organisation is required."),
        ("name", "x" * 201, "too long"),
        ("email", "food at riverside", "is not an e-mail address"),
        ("website", "javascript:alert(1)", "must start with http:// or https://"),
        ("website", "ftp://files.example.org", "must start with http:// or https://"),
        ("website", "https://", "is not a web address"),
        ("phone", "call Jo", "only digits"),
        ("min_age", "ten", "a number of years"),
        ("min_age", "-1", "between 0 and 120"),
        ("max_age", "200", "between 0 and 120"),
        ("categories", "x" * 81, "too long"),
        ("description", "x" * 8_001, "too long"),
    ],
)
def test_bad_input_is_refused_field_by_field(
    store: Store, me: WorkerInfo, field: str, value: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        add(store, me, **{field: value})
    assert message in refused.value.errors[field]
    assert store.resources.search(me) == []


def test_an_age_range_upside_down_is_refused_on_the_highest_age(
    store: Store, me: WorkerInfo
) -> None:
    with pytest.raises(InvalidInput) as refused:
        add(store, me, min_age="25", max_age="16")
    assert refused.value.errors == {"max_age": "The highest age is below the lowest (25)."}


def test_control_characters_are_removed_and_markup_kept_as_text(
    store: Store, me: WorkerInfo
) -> None:
    service = store.resources.get(
        me, add(store, me, name="[bold]Food\x1b[31m\x07 bank", eligibility="Any\x00one\r\nat all")
    )
    assert service.service_name == "[bold]Food bank"
    assert service.eligibility == "Anyone\nat all"


def test_an_edit_saves_changed_fields_keeps_their_history_and_is_audited(
    store: Store, me: WorkerInfo, directory: dict[str, int]
) -> None:
    food = directory["food"]
    saved = store.resources.update(
        me, food, {"opening_hours": "Tue 10:00-13:00", "categories": "Food"}, version=1
    )
    assert (saved.opening_hours, saved.categories, saved.version) == (
        "Tue 10:00-13:00",
        ("Food",),
        2,
    )
    assert names(store.resources.search(me, category="emergency")) == []
    with store.database.reading():
        changed = {
            (c.field, c.new_value)
            for c in RecordChange.select().where(RecordChange.table == "resource_service")
        }
        actions = [e.action for e in AuditEvent.select().where(AuditEvent.record_id == food)]
    assert changed == {("opening_hours", "Tue 10:00-13:00"), ("categories", "Food")}
    assert actions == ["directory-service-added", "directory-service-updated"]
    # The same form saved again changes nothing.
    assert store.resources.update(me, food, {"categories": "Food"}, version=2).version == 2


def test_moving_a_service_to_another_organisation_and_searching_it_there(
    store: Store, me: WorkerInfo, directory: dict[str, int]
) -> None:
    food = directory["food"]
    # The same organisation typed in another case is no change.
    assert (
        store.resources.update(me, food, {"organisation": "RIVERSIDE trust"}, version=1).version
        == 1
    )
    store.resources.update(me, food, {"organisation": "Hope Church"}, version=1)
    assert names(store.resources.search(me, "hope church")) == ["Riverside Food Bank"]
    assert names(store.resources.search(me, "riverside trust")) == []


def test_an_edit_from_an_old_version_is_refused_with_theirs_shown(
    store: Store, me: WorkerInfo, other: WorkerInfo, directory: dict[str, int]
) -> None:
    food = directory["food"]
    store.resources.update(other, food, {"fees": "Free; donations welcome"}, version=1)
    with pytest.raises(Conflict) as refused:
        store.resources.update(me, food, {"fees": "£2 a visit"}, version=1)
    assert "Priya Nair changed this directory entry" in str(refused.value)
    assert refused.value.current["fees"] == "Free; donations welcome"
    assert refused.value.current["categories"] == "Food, Emergency"
    assert refused.value.version == 2
    # Having seen theirs, saving from it goes through.
    store.resources.update(me, food, {"fees": "£2 a visit"}, version=refused.value.version)
    assert store.resources.get(me, food).fees == "£2 a visit"


def test_a_bad_edit_saves_nothing(store: Store, me: WorkerInfo, directory: dict[str, int]) -> None:
    with pytest.raises(InvalidInput):
        store.resources.update(me, directory["food"], {"email": "nope", "fees": "£1"}, version=1)
    food = store.resources.get(me, directory["food"])
    assert (food.fees, food.version) == ("Free", 1)


def test_the_database_refuses_to_delete_a_service(
    store: Store, me: WorkerInfo, directory: dict[str, int]
) -> None:
    conn = Outside.of(store)
    try:
        with pytest.raises(conn.refused, match="never deleted"):
            conn.execute("DELETE FROM resource_service WHERE id = ?", (directory["food"],))
    finally:
        conn.close()


# --- who may ----------------------------------------------------------------------------------

MAY = {
    # login: (read, add and change)
    "admin": (True, False),
    "sue.super": (True, True),
    "nia.north": (True, True),
    "meg.manager": (True, True),
    "ari.auditor": (True, False),
}


@pytest.mark.parametrize("login", MAY)
def test_everyone_signed_in_reads_practitioners_and_managers_change(
    store: Store, login: str
) -> None:
    people = staffed(store)
    maker = people["meg.manager"]
    service_id = add(store, maker)
    actor = people[login]
    reads, changes = MAY[login]
    assert names(store.resources.search(actor)) == ["Riverside Food Bank"]
    assert store.resources.get(actor, service_id).id == service_id
    assert reads
    calls = (
        lambda: store.resources.add(actor, {**FOOD_BANK, "name": "Another"}),
        lambda: store.resources.update(actor, service_id, {"fees": "£1"}, version=1),
    )
    for call in calls:
        if changes:
            call()
        else:
            with pytest.raises(NotPermitted, match="Only practitioners and managers"):
                call()


def test_a_deactivated_worker_reads_nothing(store: Store) -> None:
    people = staffed(store)
    add(store, people["meg.manager"])
    store.workers.deactivate(people["admin"], "nia.north")
    with pytest.raises(NotPermitted, match="signed-in, active worker"):
        store.resources.search(people["nia.north"])


def test_a_service_withdrawn_by_hand_leaves_the_search_and_can_be_restored(
    store: Store, me: WorkerInfo, other: WorkerInfo, directory: dict[str, int]
) -> None:
    food = directory["food"]
    withdrawn = store.resources.withdraw(me, food, version=1)
    assert (withdrawn.withdrawn, withdrawn.version) == (True, 2)
    assert "Riverside Food Bank" not in names(store.resources.search(me))
    assert names(store.resources.search(me, "food bank", include_withdrawn=True)) == [
        "Riverside Food Bank"
    ]
    with pytest.raises(Conflict, match="Sam Okafor changed this directory entry"):
        store.resources.withdraw(other, food, version=1, withdrawn=False)
    restored = store.resources.withdraw(other, food, version=2, withdrawn=False)
    assert (restored.withdrawn, restored.version) == (False, 3)
    with store.database.reading():
        actions = [e.action for e in AuditEvent.select().where(AuditEvent.record_id == food)]
    assert actions[-2:] == ["directory-service-withdrawn", "directory-service-restored"]
