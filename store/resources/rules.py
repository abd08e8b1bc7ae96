"""What the directory's operations, its input model and its import share: limits, the fields
a service has and the folded keys it is searched by (no database, no pydantic). Who may change
the directory is with the other rules, in ``store.core.permissions``."""

from __future__ import annotations

from typing import Any

from store.common.textsafe import fold

NAME_MAX = 200
DESCRIPTION_MAX = 8_000
ELIGIBILITY_MAX = 4_000
HOURS_MAX = 1_000
FEES_MAX = 1_000
ADDRESS_MAX = 300
AREA_MAX = 200
PHONE_MAX = 60
EMAIL_MAX = 254
WEBSITE_MAX = 500
TERM_MAX = 80  # one language or one category
TERMS_MAX = 30  # of them on one service
AGE_MAX = 120
SEARCH_LIMIT = 50
CONFLICT = "This directory entry was changed while it was being saved; open it again."

# The fields of a service as its form shows them, in order (a conflict shows them so).
FIELDS = (
    "organisation",
    "name",
    "description",
    "eligibility",
    "min_age",
    "max_age",
    "area",
    "address",
    "phone",
    "email",
    "website",
    "opening_hours",
    "fees",
    "languages",
    "categories",
)

# Categories and languages are kept as one text, one a line: readable in the record's history,
# and searchable with LIKE.
SEPARATOR = "\n"


def joined(terms: tuple[str, ...] | list[str]) -> str:
    """Terms as kept in a column: one a line."""
    return SEPARATOR.join(terms)


def split(text: str) -> tuple[str, ...]:
    """A column of terms back as a tuple."""
    return tuple(term for term in text.split(SEPARATOR) if term)


def search_key(
    name: str,
    organisation: str,
    categories: tuple[str, ...],
    eligibility: str,
    area: str,
    description: str,
) -> str:
    """What the search box looks in, folded: a service found by any of these words."""
    return fold(" ".join([name, organisation, *categories, eligibility, area, description]))


def category_key(categories: tuple[str, ...]) -> str:
    """The categories folded, as "|food|housing|", so one is matched whole."""
    return "|" + "".join(f"{fold(c)}|" for c in categories) if categories else ""


def keys(values: dict[str, Any], organisation: str) -> dict[str, str]:
    """The folded columns that follow from a service's values."""
    categories = split(values["categories"])
    return {
        "name_key": fold(values["name"]),
        "search_key": search_key(
            values["name"],
            organisation,
            categories,
            values["eligibility"],
            values["area"],
            values["description"],
        ),
        "category_key": category_key(categories),
    }
