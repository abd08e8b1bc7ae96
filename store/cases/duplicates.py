"""Who a new client may already be: the clients the new-case form offers as possible
duplicates (``candidates``), and the same check made for every row of a file of new cases
(``rows_known``), against the clients on record and the file's earlier rows.

A row is checked as the form checks what is typed: a client on record whose name may be the
row's (``store.cases.similar``) is named, and a same date of birth is a further reason. A same
date of birth alone counts in a file only when the two names share a word (a surname changed,
say): the form shows every client born that day for a person to glance at, but among thousands
of clients a file of any size would have several by chance, and a check that always finds
something is a check people learn to pass without reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import peewee as pw

from store.cases.detail import RESTRICTED_NAME
from store.cases.records import DuplicateCandidate, RowDuplicate
from store.cases.similar import NameIndex, share_a_word, similar_clients
from store.common.records import CaseStatus, WorkerInfo
from store.common.textsafe import fold
from store.core.models import Case, Client, Worker
from store.core.permissions import is_named
from store.core.rows import tuples

if TYPE_CHECKING:
    from store.cases.input import NewCase

SAME_BIRTHDAY = "same date of birth"
# At most this many dates of birth in one query (SQLite's limit on a statement's values).
CHUNK = 500


def candidates(
    actor: WorkerInfo, found: dict[int, list[str]], limit: int | None = None
) -> list[DuplicateCandidate]:
    """``found`` ({client id: why}) as the form shows them, most reasons first: each client's
    cases (any worker's, open or closed) and who holds them; a restricted case's client shown
    to be there, and whose, but not who they are, unless the actor may open it. Call in a
    transaction."""
    if not found:
        return []
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    ids = [cid for cid, _ in ranked]
    clients = {c.id: c for c in Client.select().where(Client.id.in_(ids))}
    cases: dict[int, list[tuple[int, str, CaseStatus, str]]] = {}
    hidden: set[int] = set()  # clients of a restricted case the actor isn't named for
    for cid, case_id, ref, status, wname, wid, restricted, named in tuples(
        Case.select(
            Case.client,
            Case.id,
            Case.ref,
            Case.status,
            Worker.display_name,
            Case.worker,
            Case.restricted,
            Case.restricted_to,
        )
        .join(Worker, pw.JOIN.LEFT_OUTER)
        .where(Case.client.in_(ids))
        .order_by(Case.opened_on.desc())
    ):
        cases.setdefault(cid, []).append((case_id, ref, CaseStatus(status), wname or ""))
        if restricted and wid != actor.id and not is_named(named, actor.id):
            hidden.add(cid)
    return [
        DuplicateCandidate(
            client_id=cid,
            name=RESTRICTED_NAME if cid in hidden else clients[cid].name,
            date_of_birth=None if cid in hidden else clients[cid].date_of_birth,
            reasons=tuple(reasons),
            cases=tuple(cases.get(cid, ())),
        )
        for cid, reasons in ranked
    ]


def rows_known(
    db: pw.Database, actor: WorkerInfo, rows: Sequence[tuple[int, NewCase]]
) -> list[RowDuplicate]:
    """Each of ``rows`` (line, new case) whose client may be a client on record or the client
    of an earlier row, in the order of the file. Call in a transaction."""
    born: dict[object, list[tuple[int, str]]] = {}  # date of birth: (client id, folded name)
    days = sorted({new.date_of_birth for _, new in rows if new.date_of_birth is not None})
    for start in range(0, len(days), CHUNK):
        for cid, day, key in tuples(
            Client.select(Client.id, Client.date_of_birth, Client.name_key).where(
                Client.date_of_birth.in_(days[start : start + CHUNK])
            )
        ):
            born.setdefault(day, []).append((cid, key))
    earlier = NameIndex()
    by_line: dict[int, tuple[str, str]] = {}  # an earlier row's line: (folded name, name)
    born_in_file: dict[object, list[int]] = {}  # date of birth: earlier rows' lines
    found: list[RowDuplicate] = []
    for line, new in rows:
        key = fold(new.client_name)
        on_record = {cid: [why] for cid, why in similar_clients(db, key).items()}
        in_file = {ln: [why] for ln, why in earlier.similar(key).items()}
        if new.date_of_birth is not None:
            for cid, other in born.get(new.date_of_birth, ()):
                if cid in on_record or share_a_word(key, other):
                    on_record.setdefault(cid, []).append(SAME_BIRTHDAY)
            for ln in born_in_file.get(new.date_of_birth, ()):
                if ln in in_file or share_a_word(key, by_line[ln][0]):
                    in_file.setdefault(ln, []).append(SAME_BIRTHDAY)
            born_in_file.setdefault(new.date_of_birth, []).append(line)
        if on_record or in_file:
            found.append(
                RowDuplicate(
                    line=line,
                    name=new.client_name,
                    known=tuple(candidates(actor, on_record)),
                    rows=tuple(
                        (ln, by_line[ln][1], tuple(why)) for ln, why in sorted(in_file.items())
                    ),
                )
            )
        earlier.add(line, key)
        by_line[line] = (key, new.client_name)
    return found
