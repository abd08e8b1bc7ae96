"""Version 5: service plans with SMART goals, their actions, and plan reviews.

A goal's wording lives in ``plan_goal_version`` rows that are only ever added to, so a review
(whose ratings point at the version they judged) always shows the goal as it stood then.
Reviews and their ratings are records: the database refuses to change or delete them, and an
ended plan is kept as it was.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

APPEND_ONLY = "{what} are kept as written and cannot be changed or deleted"
ENDED_PLAN = "an earlier service plan is kept as it was and cannot be changed"

TRIGGERS = (
    *(
        guard_trigger(f"{table}_no_{action.lower()}", action, table, APPEND_ONLY.format(what=what))
        for table, what in (
            ("plan_goal_version", "goal versions"),
            ("plan_review", "plan reviews"),
            ("plan_review_rating", "review ratings"),
        )
        for action in ("UPDATE", "DELETE")
    ),
    guard_trigger(
        "service_plan_ended_no_update",
        "UPDATE",
        "service_plan",
        ENDED_PLAN,
        "OLD.status = 'ended'",
    ),
)


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    now = datetime.utcnow  # frozen: a default, not the app clock

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Worker(Base):
        pass

    class Case(Base):
        pass

    class Professional(Base):
        pass

    class ServicePlan(Base):
        case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE")
        number = pw.IntegerField()
        started_on = pw.DateField()
        review_every = pw.IntegerField(null=True)
        review_unit = pw.CharField(default="")
        review_dates = pw.TextField(default="")
        status = pw.CharField(default="current")
        ended_on = pw.DateField(null=True)
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

        class Meta:
            indexes = ((("case", "number"), True),)

    class PlanGoal(Base):
        plan = pw.ForeignKeyField(ServicePlan, backref="+", on_delete="CASCADE")
        position = pw.IntegerField()
        status = pw.CharField(default="open")
        closed_on = pw.DateField(null=True)
        carried_from = pw.ForeignKeyField("self", null=True, backref="+")
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

    class PlanGoalVersion(Base):
        goal = pw.ForeignKeyField(PlanGoal, backref="+", on_delete="CASCADE")
        number = pw.IntegerField()
        domain = pw.CharField()
        change = pw.TextField()
        measure = pw.TextField(default="")
        target = pw.TextField(default="")
        relevance = pw.TextField(default="")
        target_on = pw.DateField(null=True)
        client_agreed = pw.BooleanField(default=False)
        achievable = pw.BooleanField(default=False)
        achievable_note = pw.TextField(default="")
        reason = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")

        class Meta:
            indexes = ((("goal", "number"), True),)

    class PlanAction(Base):
        goal = pw.ForeignKeyField(PlanGoal, backref="+", on_delete="CASCADE")
        what = pw.TextField()
        owner_kind = pw.CharField()
        owner_name = pw.CharField(default="")
        professional = pw.ForeignKeyField(Professional, null=True, backref="+")
        due_on = pw.DateField(null=True)
        status = pw.CharField(default="not started")
        status_note = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

    class PlanReview(Base):
        plan = pw.ForeignKeyField(ServicePlan, backref="+", on_delete="CASCADE")
        held_on = pw.DateField()
        client_present = pw.BooleanField(default=False)
        client_views = pw.TextField(default="")
        participants = pw.TextField(default="")
        summary = pw.TextField(default="")
        next_review_on = pw.DateField(null=True)
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")

    class PlanReviewRating(Base):
        review = pw.ForeignKeyField(PlanReview, backref="+", on_delete="CASCADE")
        goal = pw.ForeignKeyField(PlanGoal, backref="+")
        goal_version = pw.ForeignKeyField(PlanGoalVersion, backref="+")
        rating = pw.CharField(default="")
        evidence = pw.TextField(default="")
        decision = pw.CharField(default="")
        not_rated_reason = pw.TextField(default="")

    db.create_tables(
        [ServicePlan, PlanGoal, PlanGoalVersion, PlanAction, PlanReview, PlanReviewRating]
    )
    db.execute_sql('ALTER TABLE "case" ADD COLUMN "has_plan" INTEGER NOT NULL DEFAULT 0')
    for sql in TRIGGERS:
        db.execute_sql(sql)
