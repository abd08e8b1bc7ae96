"""What the directory's operations, its input model and its import share: limits and the
fields a service has (no database, no pydantic). Who may change the directory is with the other
rules, in ``store.core.permissions``."""

from __future__ import annotations

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
