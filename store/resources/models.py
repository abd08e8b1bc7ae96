"""The tables of the community-resource directory, as the newest migration (m0016) leaves them.

Apart from ``store.core.models`` because the directory belongs to no case: an organisation
offers services, and a service is what a referral names. Fields are flattened for reading (an
address, the phones, the opening hours as text), as the directory shows them; a service from an
import keeps its HSDS ids, so a re-import finds it again.
"""

from __future__ import annotations

import peewee as pw

from store.core.models import BaseModel, Worker, utcnow


class ResourceOrganisation(BaseModel):
    """An organisation offering services: a charity, a council team, a clinic."""

    id = pw.AutoField()
    name = pw.CharField()
    name_key = pw.CharField(index=True)  # folded, to find one by name
    description = pw.TextField(default="")
    email = pw.CharField(default="")
    website = pw.CharField(default="")
    # Where it came from: the package's name (datapackage.json) and its id there; "" and
    # None for one added by hand.
    hsds_source = pw.CharField(default="")
    hsds_id = pw.CharField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)

    class Meta:
        table_name = "resource_organisation"
        indexes = ((("hsds_source", "hsds_id"), True),)


class ResourceService(BaseModel):
    """A service an organisation offers, as a worker reads it before referring someone.
    Never deleted (a referral may name it): one gone from its directory is withdrawn."""

    id = pw.AutoField()
    organisation = pw.ForeignKeyField(ResourceOrganisation, backref="+")
    organisation_id: int
    name = pw.CharField()
    name_key = pw.CharField(index=True)  # folded, to sort by
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
    languages = pw.TextField(default="")  # one a line
    categories = pw.TextField(default="")  # one a line
    # Folded text searched by the directory's search box (name, organisation, categories,
    # eligibility, area, description), and the folded categories as "|food|housing|".
    search_key = pw.TextField(default="")
    category_key = pw.TextField(default="")
    hsds_source = pw.CharField(default="")
    hsds_id = pw.CharField(null=True)
    withdrawn_at = pw.DateTimeField(null=True)  # gone from its directory's last import
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    version = pw.IntegerField(default=1)

    class Meta:
        table_name = "resource_service"
        indexes = ((("hsds_source", "hsds_id"), True),)
