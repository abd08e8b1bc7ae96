"""What the minutes page holds, as plain data, and how it goes to and comes from the store.

The page's state is a dict: the head fields by name, and three lists of rows (people, agenda,
actions), each row a dict with a ``uid`` unique on the page. ``to_minutes`` turns it into what
the store's save of the minutes takes; ``from_minutes`` turns saved minutes back into it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from store.common import dates

if TYPE_CHECKING:
    from store.conferences.records import ConferenceInfo, MeetingPerson

NEW_PRO = "new"
OTHER = "other"
ROW = "row:"  # an action owned by a person row added on the spot: "row:<uid>"
YES_NO = (("yes", "yes"), ("no", "no"))
ATTENDANCE = (("attended", "yes"), ("apologies", "no"))
HEAD_FIELDS = (
    "held_at",
    "place",
    "conference_type",
    "chair",
    "minute_taker",
    "client_attended",
    "client_views",
    "information_shared",
    "decisions",
    "next_meeting_on",
)
PERSON_FIELDS = ("who", "name", "role", "agency", "present")
AGENDA_FIELDS = ("title", "discussion")
ACTION_FIELDS = ("what", "owner", "owner_name", "due_on")


# --- the page as data ---------------------------------------------------------------------------


@dataclass
class Sent:
    """A page's state as the store takes it, and where each list row of it came from."""

    data: dict[str, Any]
    rows: dict[str, str] = field(default_factory=dict)  # "attendees.2" -> "person-7"


def to_minutes(state: dict[str, Any]) -> Sent:
    """The page's state (head fields and its rows, each with a ``uid``) as a save of the
    minutes: people split into attendees and apologies, an action owned by a person row added
    on the spot pointed at that row by its place in its list."""
    data: dict[str, Any] = {name: state.get(name, "") for name in HEAD_FIELDS}
    sent = Sent(data)
    place: dict[str, str] = {}  # person uid -> "attendee:0"
    attendees: list[dict[str, str]] = []
    apologies: list[dict[str, str]] = []
    for person in state.get("people", []):
        absent = person.get("present") == "no"
        target, key, kind = (
            (apologies, "apologies", "apology") if absent else (attendees, "attendees", "attendee")
        )
        values = {f: str(person.get(f, "")) for f in ("who", "name", "role", "agency")}
        if values["who"] not in (NEW_PRO, OTHER):
            values["name"] = ""
        index = len(target)
        target.append(values)
        sent.rows[f"{key}.{index}"] = f"person-{person['uid']}"
        place[str(person["uid"])] = f"{kind}:{index}"
    agenda: list[dict[str, str]] = []
    for item in state.get("agenda", []):
        sent.rows[f"agenda.{len(agenda)}"] = f"agenda-{item['uid']}"
        agenda.append({f: str(item.get(f, "")) for f in AGENDA_FIELDS})
    actions: list[dict[str, str]] = []
    for action in state.get("actions", []):
        values = {f: str(action.get(f, "")) for f in ACTION_FIELDS}
        owner = values["owner"]
        if owner.startswith(ROW):
            values["owner"] = place.get(owner.removeprefix(ROW), OTHER)
        if values["owner"] != OTHER:
            values["owner_name"] = ""
        sent.rows[f"actions.{len(actions)}"] = f"action-{action['uid']}"
        actions.append(values)
    data.update(attendees=attendees, apologies=apologies, agenda=agenda, actions=actions)
    return sent


def from_minutes(info: ConferenceInfo, people: list[MeetingPerson]) -> dict[str, Any]:
    """Saved minutes as the page's state."""
    held = dates.format_datetime(dates.to_local(info.held_at)) if info.held_at else ""
    state: dict[str, Any] = {
        "held_at": held,
        "place": info.place,
        "conference_type": info.conference_type,
        "chair": info.chair,
        "minute_taker": info.minute_taker,
        "client_attended": "yes" if info.client_attended else "no",
        "client_views": info.client_views,
        "information_shared": info.information_shared,
        "decisions": "\n".join(info.decisions),
        "next_meeting_on": dates.format_date(info.next_meeting_on),
    }
    rows = []
    by_attendee: dict[int, str] = {}
    for uid, person in enumerate((*info.attendees, *info.apologies), 1):
        who = person.choice
        rows.append(
            {
                "uid": uid,
                "who": who,
                "name": person.name if who in (NEW_PRO, OTHER) else "",
                "role": person.role,
                "agency": person.agency,
                "present": "yes" if person.present else "no",
            }
        )
        by_attendee[person.id] = who if who not in (NEW_PRO, OTHER) else f"{ROW}{uid}"
    state["people"] = rows
    state["agenda"] = [
        {"uid": uid, "title": item.title, "discussion": item.discussion}
        for uid, item in enumerate(info.agenda, 1)
    ]
    shown = {p.shown: p.who for p in people}
    actions = []
    for uid, action in enumerate(info.actions, 1):
        owner = by_attendee.get(action.owner_attendee_id or 0) or shown.get(action.owner_name, "")
        actions.append(
            {
                "uid": uid,
                "what": action.what,
                "owner": owner or OTHER,
                "owner_name": "" if owner else action.owner_name,
                "due_on": dates.format_date(action.due_on),
            }
        )
    state["actions"] = actions
    return state


def blank(row: dict[str, Any], fields: tuple[str, ...]) -> bool:
    return not any(str(row.get(f, "")).strip() for f in fields)


def new_minutes(minute_taker: str) -> dict[str, Any]:
    """The state of a page for minutes not yet started: now, taken by the worker, who came."""
    return {
        "held_at": dates.format_datetime(dates.now_local()),
        "minute_taker": minute_taker,
        "client_attended": "no",
        "people": [{"uid": 1, "who": "worker", "present": "yes"}],
        "agenda": [],
        "actions": [],
    }


def untouched(initial: dict[str, Any]) -> dict[str, Any]:
    """The page as first shown from ``initial``, as the page reads its state back."""
    fresh: dict[str, Any] = {n: str(initial.get(n, "") or "") for n in HEAD_FIELDS}
    fresh["people"] = [
        {"uid": r["uid"], **{f: str(r.get(f, "") or "") for f in PERSON_FIELDS}}
        for r in initial.get("people", [])
    ]
    fresh["agenda"] = []
    fresh["actions"] = []
    return fresh


def kept_state(kept: tuple[dict[str, str], Any] | None) -> dict[str, Any] | None:
    """The page as typed, from a form draft kept beside the minutes (None if there is none)."""
    if kept is None:
        return None
    try:
        restored = json.loads(kept[0].get("state", ""))
    except ValueError:
        return None
    return restored if isinstance(restored, dict) else None
