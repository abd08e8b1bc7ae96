"""The people who use Caseline: who they are and how they are named.

Every operation of the store takes the acting worker (a ``WorkerInfo``); this area finds and
registers them.
"""

from __future__ import annotations

from typing import Any

from store.core.db import Database
from store.core.errors import InvalidInput
from store.core.models import Worker
from store.core.records import WorkerInfo
from store.core.textsafe import clean_field


def worker_info(w: Worker) -> WorkerInfo:
    return WorkerInfo(id=w.id, username=w.username, display_name=w.display_name, role=w.role)


def display_name_for(username: str) -> str:
    """A readable name from a login name: "sam.okafor" -> "Sam Okafor"."""
    parts = [p for p in username.replace(".", " ").replace("_", " ").split() if p]
    return " ".join(p[:1].upper() + p[1:] for p in parts) or username


def worker_by_username(username: str) -> Any:
    worker = Worker.get_or_none(Worker.username == username)
    if worker is None:
        raise InvalidInput({"worker": f"No worker called {username!r}."})
    return worker


class WorkerService:
    """Workers: ``store.workers``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def ensure(self, username: str, display_name: str | None = None) -> WorkerInfo:
        """The worker with this login name, created on first use."""
        username = clean_field(username)
        if not username:
            raise InvalidInput({"worker": "Worker name is required."})
        with self.database.writing():
            worker = Worker.get_or_none(Worker.username == username)
            if worker is None:
                worker = Worker.create(
                    username=username, display_name=display_name or display_name_for(username)
                )
        return worker_info(worker)

    def named(self, username: str) -> WorkerInfo:
        """The worker with this login name, for reading only: someone the database doesn't
        know yet is named as given and not registered (id 0)."""
        username = clean_field(username)
        if not username:
            raise InvalidInput({"worker": "Worker name is required."})
        with self.database.reading():
            worker = Worker.get_or_none(Worker.username == username)
        if worker is None:
            return WorkerInfo(id=0, username=username, display_name=display_name_for(username))
        return worker_info(worker)

    def active(self) -> list[WorkerInfo]:
        with self.database.reading():
            rows = Worker.select().where(Worker.active == True).order_by(Worker.display_name)  # noqa: E712
            return [worker_info(w) for w in rows]
