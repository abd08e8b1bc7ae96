"""Exporting a service plan with its reviews: a real plan is built in the store, exported, and
the Markdown and HTML read back for their facts, order, history and escaping."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from store.cases.records import CaseDetail
from store.common.errors import StoreError
from store.common.records import WorkerInfo
from store.export import files as export
from store.export.files import ExportError, export_plan
from store.export.html import plan_export_html
from store.export.markdown import plan_export_markdown
from store.plans.records import PlanInfo
from store.service import Store
from tests.store.test_export import Node, parse_html, rendered

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

EXPORTED_AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # the frozen clock: 10:00 in London
SCRIPT = "<script>alert(1)</script>"
OSC52 = "\x1b]52;c;AAAA\x07"
HOSTILE = f"**bold** {SCRIPT} [x](http://evil) {OSC52}[/]"
HOSTILE_MD = "\\*\\*bold\\*\\* \\<script\\>alert(1)\\</script\\> \\[x\\](http://evil) \\[/\\]"
HOSTILE_SHOWN = f"**bold** {SCRIPT} [x](http://evil) [/]"  # what a reader sees

CLASSES = {
    "domain": "health",
    "change": "Attend three diabetes education classes at the health centre",
    "measure": "classes attended, from the centre's register",
    "target": "3 of 3",
    "relevance": "I want to be well enough to look after my grandson",
    "target_on": "1/2/2027",
    "client_agreed": "yes",
    "achievable": "yes",
    "achievable_note": "",
}
RENT = {
    **CLASSES,
    "domain": "housing",
    "change": "Pay the rent in full each month",
    "measure": "months paid in full, from the rent statement",
    "target": "3 months in a row",
    "relevance": "I don't want to lose the flat",
}


def rating(rated: str, evidence: str, decision: str) -> dict[str, str]:
    return {"rating": rated, "evidence": evidence, "decision": decision}


def review(
    store: Store, me: WorkerInfo, plan_id: int, held_on: str, views: str, **per_goal: dict[str, str]
) -> None:
    """Record a review; ``per_goal`` gives each open goal's part as g<position>=..."""
    plan = store.plans.get(me, plan_id)
    data = {"held_on": held_on, "client_present": "yes", "client_views": views}
    for g in plan.open_goals:
        for key, value in per_goal[f"g{g.position}"].items():
            data[f"{'not_rated' if key == 'reason' else key}_{g.id}"] = value
    store.plans.review(me, plan_id, data)


@pytest.fixture
def case(make_case: Callable[..., CaseDetail]) -> CaseDetail:
    return make_case(client_name="Ada Byron", date_of_birth="3/4/2012", allocated_on="1/6/2026")


@pytest.fixture
def plan(store: Store, me: WorkerInfo, case: CaseDetail) -> PlanInfo:
    """Two goals with actions, reviewed twice; goal 1 reworded between the reviews."""
    started = store.plans.start(
        me, case.id, {"started_on": "1/9/2026", "review_interval": "6 weeks"}
    )
    classes = store.plans.add_goal(me, started.id, CLASSES)
    rent = store.plans.add_goal(me, started.id, RENT)
    store.plans.add_action(
        me, classes.id, {"what": "Book the first class", "owner": "client", "due_on": "1/10/2026"}
    )
    store.plans.add_action(
        me, classes.id, {"what": "Arrange transport", "owner": "worker", "due_on": "1/12/2026"}
    )
    store.plans.add_action(
        me, rent.id, {"what": "Set up a standing order", "owner": "client", "due_on": "1/12/2026"}
    )
    review(
        store,
        me,
        started.id,
        "13/10/2026",
        "“The first class was hard going.”",
        g1=rating("progressing", "Went to 1 of 3\nby the centre's register", "continue"),
        g2={"reason": "Not discussed: the rent statement had not come"},
    )
    current = store.plans.get(me, started.id).goals[0]
    store.plans.update_goal(
        me,
        classes.id,
        {
            **CLASSES,
            "change": "Attend four diabetes education classes at the health centre",
            "target": "4 of 4",
            "reason": "The centre added a fourth class",
        },
        version=current.version,
    )
    review(
        store,
        me,
        started.id,
        "10/11/2026",
        "“Better now I know people there.”",
        g1=rating("progressing", "Went to 3 of 4", "continue"),
        g2=rating("no change", "October's rent was paid late", "change"),
    )
    return store.plans.get(me, started.id)


def markdown(detail: CaseDetail, plan: PlanInfo, at: datetime = EXPORTED_AT) -> str:
    return plan_export_markdown(detail, plan, exported_by="Priya Nair", exported_at=at)


def html_text(detail: CaseDetail, plan: PlanInfo, at: datetime = EXPORTED_AT) -> str:
    return plan_export_html(detail, plan, exported_by="Priya Nair", exported_at=at)


def section(text: str, start: str, end: str | None = None) -> str:
    """The text from the line ``start`` up to the line ``end`` (or the end)."""
    begin = text.index(f"\n{start}\n")
    return text[begin : text.index(f"\n{end}\n", begin) if end else None]


def facts_of(doc: Node) -> dict[str, str]:
    facts = doc.find("dl", "facts")
    return dict(
        zip(
            (dt.text() for dt in facts.find_all("dt")),
            (dd.text() for dd in facts.find_all("dd")),
            strict=True,
        )
    )


# --- Markdown ----------------------------------------------------------------------------


def test_the_plan_of_a_closed_case_has_no_next_review(
    store: Store, me: WorkerInfo, case: CaseDetail, plan: PlanInfo
) -> None:
    closed = store.cases.close(
        me,
        case.id,
        {
            "closed_on": "20/11/2026",
            "reason": "Work completed",
            "closing_summary": "Done.",
            "open_items_reason": "Closed before the checklist",
        },
        version=store.cases.get(me, case.id).version,
    )
    text = markdown(closed, store.plans.get(me, plan.id))
    assert "- **Plan status:** current when the case was closed" in text
    assert "- **Next review:** none (the case is closed)" in text
    # The plan no longer looks ahead; the last review's record keeps the date it set then.
    assert "next review 22 Dec 2026" not in text
    assert "Next review: 22 Dec 2026." in section(text, "### Review of 10 Nov 2026")
    assert "no further reviews (the case is closed)" in text
    facts = facts_of(parse_html(html_text(closed, store.plans.get(me, plan.id)))[0])
    assert facts["Next review"] == "none (the case is closed)"


def test_markdown_header_block_states_the_case_and_the_plan(
    case: CaseDetail, plan: PlanInfo
) -> None:
    lines = markdown(case, plan).splitlines()
    assert lines[0] == f"# Service plan 1: {case.ref}, Ada Byron"
    assert lines[2:13] == [
        "- **Client:** Ada Byron",
        "- **Date of birth:** 03 Apr 2012",
        f"- **Case reference:** {case.ref}",
        "- **Allocated worker:** Sam Okafor",
        "- **Plan number:** 1",
        "- **Plan status:** current",
        "- **Started:** 01 Sep 2026",
        "- **Review schedule:** every 6 weeks",
        "- **Next review:** 22 Dec 2026",
        "- **Exported by:** Priya Nair",
        "- **Exported on:** 23 Nov 2026 10:00",
    ]
    # Overdue as of the export, not of the clock.
    later = markdown(case, plan, datetime(2027, 1, 5, 9, 0, tzinfo=UTC)).splitlines()
    assert "- **Next review:** 22 Dec 2026 (overdue)" in later


def test_markdown_shows_each_goal_with_its_actions_and_reviews_beneath_it(
    case: CaseDetail, plan: PlanInfo
) -> None:
    text = markdown(case, plan)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        f"# Service plan 1: {case.ref}, Ada Byron",
        "## The plan",
        "### Goal 1 · health · open",
        "#### Actions",
        "#### Reviews",
        "### Goal 2 · housing · open",
        "#### Actions",
        "#### Reviews",
        "## Reviews",
        "### Review of 13 Oct 2026",
        "### Review of 10 Nov 2026",
    ]
    assert "the client owns 2 of 3 (67%)" in text
    first = section(text, "### Goal 1 · health · open", "### Goal 2 · housing · open")
    assert "**What will change:** Attend four diabetes education classes" in first
    actions = section(first, "#### Actions", "#### Reviews").splitlines()
    assert [line for line in actions if line.startswith("- ")] == [
        "- ☐ Book the first class — *client*, due 01 Oct 2026, not started — **overdue**",
        "- ☐ Arrange transport — *worker*, due 01 Dec 2026, not started",
    ]
    reviews = section(first, "#### Reviews")
    assert reviews.index("- **13 Oct 2026 — progressing**, decision: continue.") < reviews.index(
        "- **10 Nov 2026 — progressing**, decision: continue."
    )
    assert "  > Went to 1 of 3\n  > by the centre's register" in reviews
    assert "  > Went to 3 of 4" in reviews
    second = section(text, "### Goal 2 · housing · open", "## Reviews")
    assert second.index(
        "- **13 Oct 2026 — not rated:** Not discussed: the rent statement had not come"
    ) < second.index("- **10 Nov 2026 — no change**, decision: change.")
    assert "- ☐ Set up a standing order — *client*, due 01 Dec 2026, not started" in second


def test_a_goal_reworded_after_a_review_shows_the_wording_that_review_judged(
    case: CaseDetail, plan: PlanInfo
) -> None:
    text = markdown(case, plan)
    first = section(text, "### Goal 1 · health · open", "### Goal 2 · housing · open")
    assert "**Measure:** classes attended, from the centre's register · **target:** 4 of 4" in (
        first
    )
    assert (
        "*Reworded 1 time; this wording since 23 Nov 2026: The centre added a fourth class.*"
        in (first)
    )
    then = section(first, "#### Reviews")
    old = (
        "  *The goal as it stood then:* Attend three diabetes education classes at the health "
        "centre (measure: classes attended, from the centre's register; target: 3 of 3; by "
        "01 Feb 2027)."
    )
    assert then.index("13 Oct 2026 — progressing") < then.index(old)
    assert then.index(old) < then.index("10 Nov 2026 — progressing")
    assert then.count("The goal as it stood then") == 1  # the second review judged this wording
    # The reviews as a whole name the goal as each review saw it.
    whole = section(text, "## Reviews")
    assert "- **Goal 1: Attend three diabetes education classes at the health centre** — " in (
        section(whole, "### Review of 13 Oct 2026", "### Review of 10 Nov 2026")
    )
    assert "- **Goal 1: Attend four diabetes education classes at the health centre** — " in (
        section(whole, "### Review of 10 Nov 2026")
    )


def test_markdown_reviews_section_has_each_review_whole_in_order(
    case: CaseDetail, plan: PlanInfo
) -> None:
    whole = section(markdown(case, plan), "## Reviews")
    first = section(whole, "### Review of 13 Oct 2026", "### Review of 10 Nov 2026")
    assert "The client took part. Recorded by Sam Okafor." in first
    assert "> “The first class was hard going.”" in first
    assert "not rated: Not discussed: the rent statement had not come" in first
    assert "Next review: 24 Nov 2026." in first
    second = section(whole, "### Review of 10 Nov 2026")
    assert "> “Better now I know people there.”" in second
    assert "— no change; change." in second
    assert "> October's rent was paid late" in second
    assert "Next review: 22 Dec 2026." in second


def test_hostile_text_comes_out_literally(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    started = store.plans.start(
        me, case.id, {"started_on": "1/9/2026", "review_interval": "1 month"}
    )
    g = store.plans.add_goal(
        me, started.id, {**CLASSES, "change": f"Attend classes {HOSTILE}", "target": HOSTILE}
    )
    store.plans.add_action(me, g.id, {"what": HOSTILE, "owner": "client", "due_on": "1/12/2026"})
    review(
        store,
        me,
        started.id,
        "1/10/2026",
        f"Views: {HOSTILE}",
        g1=rating("progressing", f"Line one {HOSTILE}\nLine two", "continue"),
    )
    plan = store.plans.get(me, started.id)
    text = markdown(case, plan)
    assert f"**What will change:** Attend classes {HOSTILE_MD}" in text
    assert f"- ☐ {HOSTILE_MD} — *client*, due 01 Dec 2026" in text
    assert f"  > Line one {HOSTILE_MD}\n  > Line two" in text
    assert f"> Views: {HOSTILE_MD}" in text
    assert SCRIPT not in text and "**bold**" not in text
    assert "\x1b" not in text and "\x07" not in text and "52;c;AAAA" not in text
    # A reader's renderer (even one passing raw HTML through) shows the characters typed.
    doc = rendered(text)
    assert not {n.tag for n in doc.walk()} & {"script", "a", "img"}
    assert "bold" not in [s.text() for s in doc.find_all("strong")]  # not made bold
    items = [" ".join(li.text().split()) for li in doc.find_all("li")]
    assert any(item.startswith(f"☐ {HOSTILE_SHOWN} — client") for item in items)

    page = html_text(case, plan)
    assert "<script" not in page and "\x1b" not in page and "\x07" not in page
    assert "52;c;AAAA" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    doc, _ = parse_html(page)
    assert not {n.tag for n in doc.walk()} & {"script", "a", "img"}
    assert "bold" not in [s.text() for s in doc.find_all("strong")]  # not made bold
    main = doc.find("main", "plan")
    paragraphs = [" ".join(p.text().split()) for p in main.find_all("p")]
    assert f"What will change: Attend classes {HOSTILE_SHOWN}" in paragraphs
    assert f"Measure: classes attended, from the centre's register · target: {HOSTILE_SHOWN}" in (
        paragraphs
    )
    assert f"Views: {HOSTILE_SHOWN}" in paragraphs
    quotes = [q.find("p") for q in main.find_all("blockquote")]
    assert [q.text() for q in quotes if "Line one" in q.text()] == [
        f"Line one {HOSTILE_SHOWN}\nLine two"
    ] * 2  # beneath the goal and in the review, each line kept
    assert [len(list(q.find_all("br"))) for q in quotes if "Line one" in q.text()] == [1, 1]


# --- HTML --------------------------------------------------------------------------------


def test_html_is_a_standalone_document_with_the_same_facts(
    case: CaseDetail, plan: PlanInfo
) -> None:
    page = html_text(case, plan)
    doc, declarations = parse_html(page)
    assert declarations == ["doctype html"]
    head = doc.find("head")
    metas = list(head.find_all("meta"))
    assert any(m.attrs.get("charset") == "utf-8" for m in metas)
    csp = [
        m.attrs["content"] for m in metas if m.attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]
    assert doc.find("title").text() == f"Service plan 1: {case.ref}, Ada Byron"
    assert doc.find("h1").text() == f"Service plan 1: {case.ref}, Ada Byron"
    assert facts_of(doc) == {
        "Client": "Ada Byron",
        "Date of birth": "03 Apr 2012",
        "Case reference": case.ref,
        "Allocated worker": "Sam Okafor",
        "Plan number": "1",
        "Plan status": "current",
        "Started": "01 Sep 2026",
        "Review schedule": "every 6 weeks",
        "Next review": "22 Dec 2026",
        "Exported by": "Priya Nair",
        "Exported on": "23 Nov 2026 10:00",
    }
    # Nothing to run or fetch: no scripts, no links, no resources, no URLs in the style.
    tags = {node.tag for node in doc.walk()}
    assert not tags & {"script", "img", "link", "iframe", "object", "embed", "base", "form", "a"}
    for node in doc.walk():
        for name in node.attrs:
            assert not name.startswith("on") and name not in ("href", "src", "action")
    style = doc.find("style").text()
    assert "url(" not in style and "@import" not in style and "@media print" in style
    assert "http://" not in page and "https://" not in page
    assert doc.find("footer").text() == "Exported by Priya Nair on 23 Nov 2026 10:00 from Caseline."


def test_html_is_the_markdown_document_rendered(case: CaseDetail, plan: PlanInfo) -> None:
    doc, _ = parse_html(html_text(case, plan))
    main = doc.find("main", "plan")
    assert [h.text() for h in main.find_all("h2")] == ["The plan", "Reviews"]
    assert [h.text() for h in main.find_all("h3")] == [
        "Goal 1 · health · open",
        "Goal 2 · housing · open",
        "Review of 13 Oct 2026",
        "Review of 10 Nov 2026",
    ]
    items = [" ".join(li.text().split()) for li in main.find_all("li")]
    assert items[:3] == [
        "☐ Book the first class — client, due 01 Oct 2026, not started — overdue",
        "☐ Arrange transport — worker, due 01 Dec 2026, not started",
        "13 Oct 2026 — progressing, decision: continue. Evidence: Went to 1 of 3 "
        "by the centre's register The goal as it stood then: Attend three diabetes education "
        "classes at the health centre (measure: classes attended, from the centre's register; "
        "target: 3 of 3; by 01 Feb 2027).",
    ]
    assert items[3] == "10 Nov 2026 — progressing, decision: continue. Evidence: Went to 3 of 4"
    assert [s.text() for s in main.find_all("strong")][:2] == ["What will change:", "Measure:"]


def test_an_earlier_plan_exports_as_it_was(
    store: Store, me: WorkerInfo, case: CaseDetail, plan: PlanInfo
) -> None:
    store.plans.start(me, case.id, {"started_on": "20/11/2026", "review_interval": "1 month"})
    earlier = store.plans.get(me, plan.id)
    lines = markdown(case, earlier).splitlines()
    assert "- **Plan status:** ended 20 Nov 2026 (an earlier plan)" in lines
    assert "- **Next review:** none (the plan has ended)" in lines
    assert "### Review of 10 Nov 2026" in lines
    doc, _ = parse_html(html_text(case, earlier))
    assert facts_of(doc)["Plan status"] == "ended 20 Nov 2026 (an earlier plan)"
    newer = store.plans.current(me, case.id)
    assert newer is not None
    text = markdown(case, newer)
    assert text.startswith(f"# Service plan 2: {case.ref}, Ada Byron\n")
    assert "*Carried over from plan 1.*" in text
    assert "## Reviews\n\nNo reviews yet.\n" in text


def test_a_plan_without_goals_or_reviews_exports_cleanly(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    empty = store.plans.start(
        me, case.id, {"started_on": "1/11/2026", "review_interval": "6 weeks"}
    )
    text = markdown(case, empty)
    assert "No goals yet." in text and "No reviews yet." in text
    doc, _ = parse_html(html_text(case, empty))
    assert [p.text() for p in doc.find("main").find_all("p")][-2:] == [
        "No goals yet.",
        "No reviews yet.",
    ]


def test_exports_are_deterministic_and_refuse_another_cases_plan(
    make_case: Callable[..., CaseDetail], case: CaseDetail, plan: PlanInfo
) -> None:
    assert markdown(case, plan) == markdown(case, plan)
    assert html_text(case, plan) == html_text(case, plan)
    other = make_case(client_name="Someone Else")
    with pytest.raises(ValueError, match="belongs to case"):
        markdown(other, plan)
    with pytest.raises(ValueError, match="belongs to case"):
        html_text(other, plan)


# --- files -------------------------------------------------------------------------------


def test_export_plan_writes_the_format_the_name_or_fmt_asks_for(
    tmp_path: Path, case: CaseDetail, plan: PlanInfo
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    page = export_plan(out / "plan.HTML", case, plan, exported_by="Priya Nair")
    assert page == out / "plan.HTML"
    doc, _ = parse_html(page.read_text(encoding="utf-8"))
    assert facts_of(doc)["Exported on"] == "23 Nov 2026 10:00"  # the clock, in local time
    text = export_plan(out / "plan.txt", case, plan, exported_by="Priya Nair")
    assert text.read_text(encoding="utf-8") == markdown(case, plan)
    forced = export_plan(
        out / "plan.md", case, plan, exported_by="Priya Nair", fmt="html", exported_at=EXPORTED_AT
    )
    assert forced.read_text(encoding="utf-8") == html_text(case, plan)
    assert oct(os.stat(forced).st_mode & 0o777) == "0o600"  # case records: owner only
    assert sorted(os.listdir(out)) == ["plan.HTML", "plan.md", "plan.txt"]
    with pytest.raises(ExportError, match="Unknown export format"):
        export_plan(out / "plan.md", case, plan, exported_by="Priya Nair", fmt="pdf")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (lambda tmp: tmp / "missing" / "plan.md", "does not exist"),
        (lambda tmp: tmp, "is a folder; give a file name, e.g. "),
        (lambda tmp: tmp / "file.txt" / "plan.md", "is not a folder"),
    ],
)
def test_unwritable_destinations_are_one_clear_error(
    tmp_path: Path,
    case: CaseDetail,
    plan: PlanInfo,
    where: Callable[[Path], Path],
    message: str,
) -> None:
    (tmp_path / "file.txt").write_text("keep")
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(ExportError) as caught:
        export_plan(where(tmp_path), case, plan, exported_by="Priya Nair")
    assert isinstance(caught.value, StoreError)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert sorted(os.listdir(tmp_path)) == before
    assert (tmp_path / "file.txt").read_text() == "keep"
    if "folder; give" in message:
        assert str(tmp_path / "plan.md") in str(caught.value)


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: CaseDetail, plan: PlanInfo
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "plan.md"
    target.write_text("previous export")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", broken)
    with pytest.raises(ExportError, match=r"Could not write .*No space left on device"):
        export_plan(target, case, plan, exported_by="Priya Nair")
    assert target.read_text() == "previous export"
    assert os.listdir(folder) == ["plan.md"]
