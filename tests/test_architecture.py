"""The structure docs/architecture.md describes, held by tests: no import cycles, and
no module outside a kind's own branches on a key-result kind's name.

The layers themselves are an import-linter contract (`pyproject.toml`), run by
`make lint`."""

from __future__ import annotations

import re
from pathlib import Path

import grimp

from okrcli.model.kinds import KR_KINDS
from tests.conftest import PROJECT_ROOT

SOURCE = PROJECT_ROOT / "src" / "okrcli"


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components of more than one module, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(edges) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    """Every import counts: module level, inside functions, and for type checking."""
    graph = grimp.build_graph("okrcli")
    edges = {
        module: {m for m in graph.find_modules_directly_imported_by(module) if m in graph.modules}
        for module in graph.modules
    }
    assert strongly_connected(edges) == []


def test_only_the_kinds_know_their_names() -> None:
    """A new kind is one module in model/kinds/: nothing else may branch on a kind's name.
    Two exceptions: the demo's scripted story (edit/demo.py), where a kind it does not
    know simply keeps its kickoff values, and the spreadsheet importer
    (edit/importing.py), which writes the kind a row's values call for (a spreadsheet
    has metrics and milestones; a new kind has no spreadsheet shape to infer)."""
    names = "|".join(KR_KINDS)
    literal = re.compile(rf"""["']({names})["']""")
    offenders = []
    for file in sorted(SOURCE.rglob("*.py")):
        relative = file.relative_to(SOURCE).as_posix()
        if relative.startswith("model/kinds/") or relative in ("edit/demo.py", "edit/importing.py"):
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if literal.search(line) and not line.lstrip().startswith(("#", "pydantic reports")):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_every_kind_has_its_module() -> None:
    for kind in KR_KINDS:
        assert (SOURCE / "model" / "kinds" / f"{kind}.py").is_file(), kind


def test_layers_are_folders() -> None:
    layers = (
        *("base", "model", "read", "check", "score", "history", "sources", "edit"),
        *("api", "render"),
    )
    for layer in (*layers, "cli"):
        assert (SOURCE / layer / "__init__.py").is_file(), layer
    top_level = sorted(p.name for p in SOURCE.glob("*.py"))
    assert top_level == ["__init__.py", "__main__.py"], "modules belong in a layer's folder"
    assert Path(SOURCE / "py.typed").is_file()
