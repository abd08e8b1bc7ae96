"""Subject access: the people to review for redaction are found where workers wrote of them as
people do: by the whole name, by the first name alone, or by a title and the surname; never by
the client's own names or a worker's first name, and never in a word that merely begins the
same ("Annual")."""

from __future__ import annotations

from collections.abc import Callable

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.export.record import BY_FIRST_NAME, BY_SURNAME, NAMED_IN_WRITING
from store.service import Store

NOTES = (
    "Ann came round after school. Zoë will ring on Monday.",
    "Mrs Lee phoned; Dr Hart will write to the school.",
    "Spoke to Ann Lee and Joanne about the Annual review; Mrs Okafor was out.",
    "Sam visited; nobody else was named.",
)


def test_people_are_found_by_first_name_or_title_and_surname_each_marked(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case(client_name="Zoë Okafor", allocated_on="1/6/2026")
    store.case_file.add_contact(me, case.client_id, {"name": "Ann Lee", "relationship": "aunt"})
    store.case_file.add_contact(
        me, case.client_id, {"name": "Joanne Okafor", "relationship": "grandmother"}
    )
    store.case_file.add_professional(me, case.id, {"name": "Dr Will Hart", "role": "GP"})
    ids = [
        store.notes.finalise(
            me, case.id, {"contact_at": "today 9:30", "note_type": "home visit", "body": body}
        ).id
        for body in NOTES
    ]
    answer = store.record.subject_access(me, case.id)
    written = {
        (n.name, n.as_who, n.where) for n in answer.others if n.as_who.startswith(NAMED_IN_WRITING)
    }
    assert written == {
        ("Ann Lee", BY_FIRST_NAME, f"note {ids[0]}"),  # "will" is a word, not Will Hart
        ("Ann Lee", BY_SURNAME, f"note {ids[1]}"),
        ("Dr Will Hart", BY_SURNAME, f"note {ids[1]}"),
        # The whole name only, where it is written whole; "Mrs Okafor" may be the client.
        ("Ann Lee", NAMED_IN_WRITING, f"note {ids[2]}"),
        ("Joanne Okafor", BY_FIRST_NAME, f"note {ids[2]}"),
    }
