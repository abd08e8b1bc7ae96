"""Importing Open Referral (HSDS) packages into the directory: the 3.0 and 1.x layouts written
for these tests (tests/data/hsds/), text cleaned for display, bad rows reported with file and
line and the rest imported, a re-import updating by HSDS id and withdrawing what is gone,
datapackage.json honoured, a folder that is not a package refused, and who may import."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.common.errors import NotPermitted
from store.common.records import WorkerInfo
from store.core.models import AuditEvent
from store.resources.clean import display_text
from store.resources.hsds import NotHsds
from store.service import Store
from tests.store.test_team_load import staffed

PACKAGES = Path(__file__).parent.parent / "data" / "hsds"


def by_name(store: Store, me: WorkerInfo, **kw: object) -> dict[str, int]:
    return {s.service_name: s.id for s in store.resources.search(me, **kw)}  # type: ignore[arg-type]


def test_an_hsds_3_package_is_imported_flattened_and_cleaned(store: Store, me: WorkerInfo) -> None:
    report = store.resources.import_hsds(me, PACKAGES / "v3")
    assert (report.layout, report.added, report.changed, report.gone) == ("HSDS 3.0", 4, 0, 0)
    found = by_name(store, me)
    assert list(found) == ["Debt Clinic", "Homeless Prevention", "Riverside Food Bank",
                           "Youth Housing Advice"]  # fmt: skip
    food = store.resources.get(me, found["Riverside Food Bank"])
    # HTML tags gone, entities as characters, the list items as lines.
    assert food.description == "Three days\u2019 emergency food.\n• Tins & dry goods\n• Fresh bread"
    assert food.organisation_name == "Riverside Trust"
    assert food.address == "1 Mill Lane, Riverside, Greater Manchester, M1 1AA"
    assert (food.phone, food.email) == ("0161 496 0101", "food@riverside.example.org")
    assert food.opening_hours == "Tue, Fri 10:00-13:00"
    assert (food.languages, food.categories) == (("English", "Polish"), ("Food",))
    assert (food.hsds_service_id, food.hsds_organisation_id) == ("svc-1", "org-1")
    youth = store.resources.get(me, found["Youth Housing Advice"])
    assert (youth.min_age, youth.max_age, youth.opening_hours) == (16, 25, "By appointment")
    assert youth.phone == "0161 496 0100"  # no number of its own: its organisation's
    assert youth.categories == ("Housing", "Young people")
    prevention = store.resources.get(me, found["Homeless Prevention"])
    # Its physical address, not the postal one; the location's phone with its extension.
    assert prevention.address == "Civic Centre, Market Street, Northgate, NG1 2BB"
    assert prevention.phone == "0161 496 0202 ext. 4"
    assert (prevention.area, prevention.opening_hours) == ("Northgate", "Mon-Fri 09:00-17:00")
    assert prevention.website == "https://northgate.example.gov.uk/housing"
    debt = store.resources.get(me, found["Debt Clinic"])
    assert debt.description == "Free debt advice, by appointment."  # control characters gone
    # Searchable like any other entry, eligibility included.
    assert list(by_name(store, me, text="homelessness")) == ["Youth Housing Advice"]
    assert list(by_name(store, me, category="housing")) == [
        "Homeless Prevention",
        "Youth Housing Advice",
    ]


def test_bad_rows_are_reported_with_file_and_line_and_the_rest_imported(
    store: Store, me: WorkerInfo
) -> None:
    report = store.resources.import_hsds(me, PACKAGES / "v3")
    assert [str(p) for p in report.problems] == [
        "attributes.csv line 7: taxonomy_term_id t-nope is unknown",
        'services.csv line 8: email: "not-an-email" is not an e-mail address '
        "(name@example.org). Left out.",
        "services.csv line 9: no name; left out",
        "services.csv line 10: organization_id org-9 is not in organizations.csv; left out",
        "services.csv line 11: minimum_age is a number of years, like 18. Left out.",
    ]
    found = by_name(store, me)
    assert "Ghost Service" not in found
    prevention = store.resources.get(me, found["Homeless Prevention"])
    assert prevention.email == "housing@northgate.example.gov.uk"  # its organisation's
    assert store.resources.get(me, found["Debt Clinic"]).min_age is None


def test_a_re_import_updates_by_hsds_id_and_withdraws_what_is_gone(
    store: Store, me: WorkerInfo
) -> None:
    store.resources.import_hsds(me, PACKAGES / "v3", source="riverside")
    first = by_name(store, me)
    report = store.resources.import_hsds(me, PACKAGES / "v3-later", source="riverside")
    assert (report.added, report.changed, report.unchanged, report.gone) == (0, 1, 2, 1)
    assert report.summary() == "HSDS 3.0: 0 added, 1 changed, 2 unchanged, 1 gone (withdrawn)"
    now = by_name(store, me)
    assert now == {name: i for name, i in first.items() if name != "Debt Clinic"}  # same ids
    food = store.resources.get(me, now["Riverside Food Bank"])
    assert (food.fees, food.version) == ("Free; donations welcome", 2)
    # Gone from the package: withdrawn, kept (a referral may name it), out of the search.
    debt = store.resources.get(me, first["Debt Clinic"])
    assert debt.withdrawn
    assert "Debt Clinic" in by_name(store, me, include_withdrawn=True)
    # The same package again changes nothing; the first one back restores the withdrawn.
    again = store.resources.import_hsds(me, PACKAGES / "v3-later", source="riverside")
    assert (again.added, again.changed, again.unchanged, again.gone) == (0, 0, 3, 0)
    back = store.resources.import_hsds(me, PACKAGES / "v3", source="riverside")
    assert (back.added, back.changed, back.gone) == (0, 2, 0)
    assert not store.resources.get(me, first["Debt Clinic"]).withdrawn


def test_a_re_import_leaves_hand_added_services_alone(store: Store, me: WorkerInfo) -> None:
    store.resources.add(me, {"organisation": "Riverside Trust", "name": "Warm space"})
    store.resources.import_hsds(me, PACKAGES / "v3", source="riverside")
    store.resources.import_hsds(me, PACKAGES / "v3-later", source="riverside")
    assert "Warm space" in by_name(store, me)


def test_an_hsds_1x_package_is_imported(store: Store, me: WorkerInfo) -> None:
    report = store.resources.import_hsds(me, PACKAGES / "v1")
    assert (report.layout, report.source, report.added) == ("HSDS 1.x", "oldtown-directory", 2)
    assert [str(p) for p in report.problems] == [
        "services.csv line 4: no name; left out",
        "services.csv line 5: more values than columns; left out",
    ]
    found = by_name(store, me)
    benefits = store.resources.get(me, found["Benefits Check"])
    assert benefits.description == "Help with benefit claims & appeals.\nBring your letters."
    assert benefits.eligibility == "Adults claiming or entitled to benefits."
    assert benefits.address == "12 High Street, Oldtown, Yorkshire, OT1 1AA"
    assert benefits.opening_hours == "Mon, Wed 09:30-16:00"
    assert (benefits.fees, benefits.area) == ("Free", "Oldtown")
    assert (benefits.languages, benefits.categories) == (("English", "Welsh"), ("Money",))
    assert benefits.website == "http://oldtown.example.org"  # the organisation's url (1.x)
    cafe = store.resources.get(me, found["Carers' Café"])
    assert (cafe.opening_hours, cafe.fees, cafe.categories) == (
        "Thu 14:00-16:00",
        "£1 for tea",
        ("Carers",),
    )


def test_packages_of_different_names_are_kept_apart(store: Store, me: WorkerInfo) -> None:
    store.resources.import_hsds(me, PACKAGES / "v1")
    report = store.resources.import_hsds(me, PACKAGES / "v3")
    assert report.gone == 0  # oldtown's services are not v3's to withdraw
    assert "Benefits Check" in by_name(store, me)


def test_a_package_without_a_name_is_known_by_its_folder(store: Store, me: WorkerInfo) -> None:
    # Two directories published without a datapackage.json: neither withdraws the other's.
    first = store.resources.import_hsds(me, PACKAGES / "v3")
    second = store.resources.import_hsds(me, PACKAGES / "v3-later")
    assert (first.source, second.source) == ("v3", "v3-later")
    assert (second.added, second.gone) == (3, 0)
    assert not any(s.withdrawn for s in store.resources.search(me, include_withdrawn=True))
    # Named on the command line, a package is that directory whatever its folder.
    named = store.resources.import_hsds(me, PACKAGES / "v1", source="  Oldtown\x1b[2J ")
    assert named.source == "Oldtown"


def test_datapackage_json_says_which_files_are_the_package(store: Store, me: WorkerInfo) -> None:
    report = store.resources.import_hsds(me, PACKAGES / "named-by-datapackage")
    assert list(by_name(store, me)) == ["Shed sessions"]  # not the stray services.csv
    assert report.source == "hillside"
    assert [str(p) for p in report.problems] == [
        "datapackage.json: ../outside.csv is outside the package"
    ]
    shed = store.resources.get(me, by_name(store, me)["Shed sessions"])
    assert (shed.organisation_name, shed.min_age) == ("Hillside Men's Shed", 50)


def test_a_folder_that_is_not_a_package_is_refused_in_one_line(
    store: Store, me: WorkerInfo, tmp_path: Path
) -> None:
    with pytest.raises(NotHsds, match=r"is not an Open Referral \(HSDS\) package") as refused:
        store.resources.import_hsds(me, PACKAGES / "not-hsds")
    assert "\n" not in str(refused.value)
    with pytest.raises(NotHsds, match="is not a folder"):
        store.resources.import_hsds(me, PACKAGES / "v3" / "services.csv")
    # services.csv without the columns of one.
    folder = tmp_path / "lookalike"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name\n1,A\n")
    (folder / "services.csv").write_text("title,blurb\nX,Y\n")
    with pytest.raises(NotHsds, match=r"services\.csv has no id and name columns"):
        store.resources.import_hsds(me, folder)
    assert by_name(store, me) == {}


def test_a_package_whose_services_cant_be_read_withdraws_nothing(
    store: Store, me: WorkerInfo, tmp_path: Path
) -> None:
    store.resources.import_hsds(me, PACKAGES / "v3")
    broken = tmp_path / "v3"
    shutil.copytree(PACKAGES / "v3", broken)
    text = (broken / "services.csv").read_text(encoding="utf-8-sig")
    (broken / "services.csv").write_text(text.replace("org-", "gone-"), encoding="utf-8")
    with pytest.raises(NotHsds, match="nothing was imported"):
        store.resources.import_hsds(me, broken)
    assert len(by_name(store, me)) == 4


def test_an_import_is_audited_and_for_managers_and_administrators(store: Store) -> None:
    people = staffed(store)
    for login in ("nia.north", "sue.super", "ari.auditor"):
        with pytest.raises(NotPermitted, match="Only a manager or an administrator imports"):
            store.resources.import_hsds(people[login], PACKAGES / "v3")
    assert store.resources.import_hsds(people["admin"], PACKAGES / "v3").added == 4
    assert store.resources.import_hsds(people["meg.manager"], PACKAGES / "v1").added == 2
    with store.database.reading():
        details = [
            e.detail for e in AuditEvent.select().where(AuditEvent.action == "directory-imported")
        ]
    assert details == [
        "HSDS 3.0: 4 added, 0 changed, 0 unchanged, 0 gone (withdrawn) from v3",
        "HSDS 1.x: 2 added, 0 changed, 0 unchanged, 0 gone (withdrawn) from oldtown-directory",
    ]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<p>One</p><p>Two &amp; three</p>", "One\nTwo & three"),
        ("a < b and c > d", "a < b and c > d"),  # not tags
        ("&lt;b&gt;bold&lt;/b&gt;", "<b>bold</b>"),  # shown as typed, never as markup
        ("<script>alert(1)</script>Hi<!-- note -->", "Hi"),
        ("Tabs\tand   spaces\u00a0here", "Tabs and spaces here"),
        ("Line one\r\n\r\n\r\n\r\nLine two", "Line one\n\nLine two"),
        ("Bell\x07 and \x1b]0;title\x07escape", "Bell and escape"),
        ("", ""),
    ],
)
def test_text_is_cleaned_for_display(raw: str, shown: str) -> None:
    assert display_text(raw) == shown
