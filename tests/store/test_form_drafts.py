"""Drafts of forms: kept per worker and form, replaced on each save, gone once discarded."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

from store.common.records import WorkerInfo
from store.core.models import FormDraft
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends


def test_a_form_draft_is_kept_replaced_and_discarded(
    store: Store, me: WorkerInfo, other: WorkerInfo
) -> None:
    assert store.forms.draft(me, "plan_review:1:0") is None
    store.forms.save_draft(me, "plan_review:1:0", {"client_views": "“Better”"}, title="Review")
    store.forms.save_draft(me, "plan_review:1:0", {"client_views": "“Much better”", "held_on": "x"})
    found = store.forms.draft(me, "plan_review:1:0")
    assert found is not None
    values, saved_at = found
    assert values == {"client_views": "“Much better”", "held_on": "x"}
    assert saved_at is not None
    # Another worker's draft of the same form is their own.
    assert store.forms.draft(other, "plan_review:1:0") is None
    with store.database.reading():
        assert FormDraft.select().count() == 1
    store.forms.discard_draft(me, "plan_review:1:0")
    assert store.forms.draft(me, "plan_review:1:0") is None


def test_one_draft_per_worker_and_form(store: Store, me: WorkerInfo) -> None:
    store.forms.save_draft(me, "goal_new:3", {"change": "a"})
    with store.database.writing() as written, pytest.raises(IntegrityError), written.atomic():
        FormDraft.create(worker=me.id, key="goal_new:3", state="{}")
