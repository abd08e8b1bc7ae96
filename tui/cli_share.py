"""An export made for another agency (``caseline export case --for AGENCY``): shared under a
consent of the case in force (``--consent ID``) or a lawful reason to share without one
(``--lawful-reason TEXT``), and recorded in the case's information-sharing log once written."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli_args import fail

if TYPE_CHECKING:
    from store.common.records import WorkerInfo
    from store.service import Store

# What the sharing log says was shared by this export.
HANDOVER_PACK = "Handover pack"


def check_sharing_arguments(args: argparse.Namespace, path: Path | str) -> str:
    """The agency the export is for ("" for none), once the arguments are seen to fit
    together and the database can take the record of it; one line and exit 1 otherwise."""
    from store.common.textsafe import clean_field
    from store.service import writable

    agency = clean_field(args.for_agency or "")
    reason = clean_field(args.lawful_reason or "")
    if not agency:
        if args.for_agency is not None:
            fail("--for needs the agency the export is for.")
        if args.consent is not None or args.lawful_reason is not None:
            fail("--consent and --lawful-reason go with --for AGENCY.")
        return ""
    if args.consent is not None and reason:
        fail("Give --consent or --lawful-reason, not both.")
    if args.lawful_reason is not None and not reason:
        fail("--lawful-reason needs the reason to share without consent.")
    if not writable(path):
        fail(
            f"{path} is read-only: an export for another agency is recorded in the case's "
            "information-sharing log, which can't be written."
        )
    return agency


def sharing_basis(
    store: Store, me: WorkerInfo, case_id: int, agency: str, args: argparse.Namespace
) -> str:
    """Under what the export is shared, in words, once checked: a consent of this case in
    force today, or the lawful reason. Raises SharingRefused (one line) otherwise, naming a
    consent that covers the agency if there is one."""
    from store.consent.service import SharingRefused

    if args.lawful_reason:
        return f"without consent: {args.lawful_reason.strip()}"
    if args.consent is None:
        covering = store.consent.covering(me, case_id, agency)
        if covering:
            ids = ", ".join(str(c.id) for c in covering)
            raise SharingRefused(
                f"Say under which consent this is shared with {agency}: --consent ID "
                f"(in force for them: {ids}), or give --lawful-reason TEXT."
            )
        raise SharingRefused(
            f"No consent in force covers sharing with {agency}: give the lawful reason to "
            "share without it with --lawful-reason TEXT (e.g. safeguarding, a court order)."
        )
    consent = store.consent.get(me, args.consent)
    if consent.case_id != case_id:
        raise SharingRefused(f"Consent {consent.id} is not one of this case's consents.")
    if not consent.in_force:
        raise SharingRefused(f"Consent {consent.id} is not in force today ({consent.status}).")
    return f"consent {consent.id} ({consent.recipient})"


def record_sharing(
    path: Path | str, me: WorkerInfo, case_id: int, agency: str, args: argparse.Namespace
) -> None:
    """Add the export to the case's sharing log, through a short opening of its own."""
    from store.after_reading import share_after_reading
    from store.common.errors import StoreError

    try:
        share_after_reading(
            path,
            me,
            case_id,
            recipient=agency,
            what=HANDOVER_PACK,
            consent_id=args.consent,
            lawful_reason=(args.lawful_reason or "").strip(),
        )
    except StoreError as exc:
        fail(f"The pack was written but its sharing could not be recorded: {exc}")
