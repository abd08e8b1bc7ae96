"""Version 16: the community-resource directory.

``resource_organisation`` holds the organisations, ``resource_service`` the services they offer,
each flattened for reading (address, phone, opening hours, languages and categories as text).
A service from an Open Referral (HSDS) import keeps its package's name and its id there, unique
together, so a re-import updates it instead of adding it again. The database refuses to delete a
service: a referral may name it, so one gone from its directory is marked withdrawn instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

KEPT = "a directory service is never deleted (a referral may name it); mark it withdrawn"

TRIGGERS = (guard_trigger("resource_service_no_delete", "DELETE", "resource_service", KEPT),)


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    now = datetime.utcnow  # frozen: a default, not the app clock

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Worker(Base):
        pass

    class ResourceOrganisation(Base):
        name = pw.CharField()
        name_key = pw.CharField(index=True)
        description = pw.TextField(default="")
        email = pw.CharField(default="")
        website = pw.CharField(default="")
        hsds_source = pw.CharField(default="")
        hsds_id = pw.CharField(null=True)
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

        class Meta:
            table_name = "resource_organisation"
            indexes = ((("hsds_source", "hsds_id"), True),)

    class ResourceService(Base):
        organisation = pw.ForeignKeyField(ResourceOrganisation, backref="+")
        name = pw.CharField()
        name_key = pw.CharField(index=True)
        description = pw.TextField(default="")
        eligibility = pw.TextField(default="")
        min_age = pw.IntegerField(null=True)
        max_age = pw.IntegerField(null=True)
        area = pw.CharField(default="")
        address = pw.TextField(default="")
        phone = pw.CharField(default="")
        email = pw.CharField(default="")
        website = pw.CharField(default="")
        opening_hours = pw.TextField(default="")
        fees = pw.TextField(default="")
        languages = pw.TextField(default="")
        categories = pw.TextField(default="")
        search_key = pw.TextField(default="")
        category_key = pw.TextField(default="")
        hsds_source = pw.CharField(default="")
        hsds_id = pw.CharField(null=True)
        withdrawn_at = pw.DateTimeField(null=True)
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        version = pw.IntegerField(default=1)

        class Meta:
            table_name = "resource_service"
            indexes = ((("hsds_source", "hsds_id"), True),)

    db.create_tables([ResourceOrganisation, ResourceService])
    for sql in TRIGGERS:
        execute_sql(db, sql)
