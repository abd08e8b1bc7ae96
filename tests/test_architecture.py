"""The shape of the code: no import loops, no module too long to read.

The import-linter contracts in pyproject.toml (run by ``lint-imports`` in CI) keep the layers;
these keep what a contract can't say.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
LONGEST = 600  # lines; the demo's generated text and the tests are exempt


def _imported(graph: grimp.ImportGraph, module: str) -> Iterator[str]:
    return iter(sorted(graph.find_modules_directly_imported_by(module)))


def _loops(graph: grimp.ImportGraph) -> list[list[str]]:
    """The import loops (strongly connected groups of more than one module), Tarjan's way."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        # Iterative, so a long chain of imports can't exhaust the recursion limit.
        work = [(start, _imported(graph, start))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                    break
                if child in on_stack:
                    low[module] = min(low[module], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == module:
                            break
                    if len(group) > 1:
                        loops.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return loops


def test_no_module_imports_itself_round_a_loop() -> None:
    # grimp reads every import statement: inside functions and under TYPE_CHECKING too.
    graph = grimp.build_graph("store", "tui")
    assert _loops(graph) == []


def test_the_loop_finder_finds_a_loop(tmp_path: Path) -> None:
    package = tmp_path / "looped"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from looped import b\n")
    (package / "b.py").write_text("def f():\n    from looped import a\n")
    (package / "c.py").write_text("from looped import a\n")
    import sys

    sys.path.insert(0, str(tmp_path))
    try:
        graph = grimp.build_graph("looped", cache_dir=None)
    finally:
        sys.path.remove(str(tmp_path))
    assert _loops(graph) == [["looped.a", "looped.b"]]


def test_no_module_outside_the_demo_and_the_tests_is_over_600_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for folder in ("store", "tui", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if "demo" not in path.relative_to(ROOT).parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}
