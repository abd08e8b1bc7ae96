"""The settings Caseline runs with and their defaults (a UK agency's), as a plain frozen
dataclass; ``store.common.config`` reads them from flags, the environment and the config file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from store.common.errors import StoreError

APP_NAME = "caseline"
DEFAULT_REF_FORMAT = "CL-{year}-{seq:04d}"
# Failed sign-ins in a row after which a login is locked until an administrator resets it.
DEFAULT_MAX_FAILED_SIGN_INS = 5
# Length is what makes a passphrase strong; there are no rules about what it is made of.
DEFAULT_MIN_PASSPHRASE_LENGTH = 10
# A consent whose review or expiry date is this many days away or fewer is flagged.
DEFAULT_CONSENT_EXPIRING_DAYS = 30
NOTE_TYPES: tuple[str, ...] = (
    "home visit",
    "office visit",
    "phone call",
    "video call",
    "email",
    "letter",
    "text message",
    "meeting",
    "case note",
)
# What a worker can file a manual chronology entry under (automatic entries add "allocation"
# and "status"; significant notes use "contact").
CHRONOLOGY_CATEGORIES: tuple[str, ...] = (
    "incident",
    "safeguarding",
    "health",
    "housing",
    "education",
    "legal",
    "contact",
    "placement",
    "other",
)

# The kinds of meeting about a case whose minutes are kept (``store.conferences``).
CONFERENCE_TYPES: tuple[str, ...] = (
    "case conference",
    "professionals meeting",
    "case coordination meeting",
    "core group",
    "strategy discussion",
    "review meeting",
    "family meeting",
)

# The domains of a biopsychosocial assessment (``store.assessments``), in the order assessed,
# and the scale each is rated on, from least need to most.
ASSESSMENT_DOMAINS: tuple[str, ...] = (
    "physical health and medication",
    "mental health and coping",
    "substance use",
    "housing",
    "finances and benefits",
    "employment",
    "education",
    "relationships and family",
    "safety and risk",
    "legal",
    "daily living",
)
ASSESSMENT_SCALE: tuple[str, ...] = ("no need", "low need", "medium need", "high need")

CLOSURE_REASONS: tuple[str, ...] = (
    "work completed",
    "client declined further involvement",
    "client moved out of the area",
    "transferred to another service",
    "no further action",
    "client died",
    "other",
)


class ConfigError(StoreError):
    """The configuration file is unreadable or has a bad value."""


def check_ref_format(fmt: str) -> str:
    """Validate a case-reference format by formatting a sample; return it unchanged."""
    if "{seq" not in fmt:
        raise ValueError("the case reference format must contain {seq}, e.g. CL-{year}-{seq:04d}")
    try:
        sample = fmt.format(year=2026, yy="26", seq=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(
            f"bad case reference format {fmt!r} ({exc}); use {{year}}, {{yy}} and {{seq}}"
        ) from None
    if not sample.strip() or len(sample) > 30:
        raise ValueError("the case reference format must give 1 to 30 characters")
    return fmt


# The config file's settings that are one whole number, and the bounds of each (inclusive);
# ``store.common.config_file`` checks them, and ``store.common.config`` reads a file of only
# settings this simple without it.
NUMBER_LIMITS: dict[str, tuple[int, int]] = {
    "summary_max_age_months": (1, 24),
    "max_failed_sign_ins": (1, 100),
    "min_passphrase_length": (8, 128),
    "idle_lock_minutes": (1, 480),
    "consent_expiring_days": (0, 365),
    "referral_chase_limit": (1, 20),
    "contact_overdue_days": (1, 90),
}
# ... those that are true or false, and those that are one of a few words.
SWITCHES = ("finalise_on_save", "today_at_start", "cursor_blink")
CHOICES: dict[str, tuple[str, ...]] = {
    "date_order": ("dmy", "mdy"),
    "identity": ("passphrase", "os-login"),
}


@dataclass(frozen=True)
class Config:
    """Settings read from the config file; defaults suit a UK agency.

    The fields, their meaning and their checks are those of ``store.common.config_file.ConfigFile``,
    which validates a file; this holds the result.
    """

    db: Path | str | None = None  # a file, or a postgresql:// URL
    worker: str | None = None
    date_order: Literal["dmy", "mdy"] = "dmy"
    ref_format: str = DEFAULT_REF_FORMAT
    theme: str = "textual-dark"
    keys: dict[str, str] = field(default_factory=dict)
    note_types: tuple[str, ...] = NOTE_TYPES
    templates: dict[str, dict[str, str]] = field(default_factory=dict)
    finalise_on_save: bool = True
    summary_max_age_months: int = 3
    chronology_categories: tuple[str, ...] = CHRONOLOGY_CATEGORIES
    closure_reasons: tuple[str, ...] = CLOSURE_REASONS
    conference_types: tuple[str, ...] = CONFERENCE_TYPES
    assessment_domains: tuple[str, ...] = ASSESSMENT_DOMAINS
    assessment_scale: tuple[str, ...] = ASSESSMENT_SCALE
    identity: Literal["passphrase", "os-login"] = "passphrase"
    max_failed_sign_ins: int = DEFAULT_MAX_FAILED_SIGN_INS
    min_passphrase_length: int = DEFAULT_MIN_PASSPHRASE_LENGTH
    idle_lock_minutes: int = 5
    consent_expiring_days: int = DEFAULT_CONSENT_EXPIRING_DAYS
    referral_chase_limit: int = 3
    contact_overdue_days: int = 7
    today_at_start: bool = True
    cursor_blink: bool = False

    @property
    def dayfirst(self) -> bool:
        return self.date_order == "dmy"
