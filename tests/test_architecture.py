"""The package's structure: no import cycle among its modules, no module over 600 lines.

Every module under ``src/assesskit`` is parsed (nothing is imported) and
each import becomes an edge of a graph of modules: imports at module level,
under ``if TYPE_CHECKING:`` (a cycle there is still a cycle of meaning, and
breaks tools that evaluate annotations) and inside functions. A cycle is
allowed only through the edges listed below, each with its reason. Names
loaded by ``importlib.import_module`` (the lazy names of ``assesskit`` and
``assesskit.testing``) are not imports here; their type-checking imports are.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

import attrs
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: Where an import is written.
Kind = Literal["module", "type_checking", "function"]

#: Import cycles tolerated, edge by edge: none. An edge listed here that is no longer on
#: a cycle fails the test, so the list can only shrink.
KNOWN_CYCLE: frozenset[tuple[str, str]] = frozenset()

#: Imports inside functions that may close a cycle: ``(importer, imported): why``.
#: An import deferred into a function still makes the importer depend on the
#: imported module; list one here only with the reason it cannot be avoided.
LOCAL_IMPORTS_ALLOWED: Mapping[tuple[str, str], str] = {}


@attrs.frozen
class Edge:
    """``importer`` imports ``imported`` at ``line``, written as *kind*."""

    importer: str
    imported: str
    kind: Kind
    line: int

    @property
    def pair(self) -> tuple[str, str]:
        return (self.importer, self.imported)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    """The imports of one module that name modules of the package, with where they are."""

    def __init__(self, module: str, is_package: bool, modules: set[str]) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.modules = modules
        self.functions = 0
        self.type_checking = 0
        self.edges: list[Edge] = []

    def _kind(self) -> Kind:
        if self.functions:
            return "function"
        return "type_checking" if self.type_checking else "module"

    def _add(self, target: str, line: int) -> None:
        while target and target not in self.modules:  # ``import a.b.c`` of a name in a.b
            target = target.rpartition(".")[0]
        if target and target != self.module:
            self.edges.append(Edge(self.module, target, self._kind(), line))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions += 1
        self.generic_visit(node)
        self.functions -= 1

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 - the visitor's naming

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self.type_checking += 1
        for child in node.body:
            self.visit(child)
        self.type_checking -= 1
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            package = self.package
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            self._add(submodule if submodule in self.modules else base, node.lineno)


def import_edges(root: Path, package: str) -> list[Edge]:
    """Every import between modules of *package* (a folder under *root*)."""
    files = {_module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}
    modules = set(files)
    edges: list[Edge] = []
    for name, path in files.items():
        found = _Imports(name, path.name == "__init__.py", modules)
        found.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        edges += found.edges
    return edges


def cycles(pairs: Iterable[tuple[str, str]]) -> list[frozenset[str]]:
    """The groups of modules that import each other, directly or not (Tarjan's algorithm)."""
    graph: dict[str, set[str]] = {}
    for a, b in pairs:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def cycle_problems(
    edges: list[Edge],
    known: frozenset[tuple[str, str]] = frozenset(),
    local_allowed: Iterable[tuple[str, str]] = (),
) -> list[str]:
    """Every edge on a cycle that is not allowed, and every allowance no longer needed."""
    allowed_local = set(local_allowed)
    counted = [e for e in edges if not (e.kind == "function" and e.pair in allowed_local)]
    groups = cycles(e.pair for e in counted)
    on_cycle = {e.pair for e in counted for g in groups if e.importer in g and e.imported in g}
    problems = [
        f"{e.importer} imports {e.imported} ({e.kind.replace('_', ' ')}, line {e.line}): "
        f"an import cycle among {', '.join(sorted(g))}"
        for e in counted
        for g in groups
        if e.importer in g and e.imported in g and e.pair not in known
    ]
    problems += [
        f"{a} -> {b} is no longer on an import cycle: remove it from KNOWN_CYCLE"
        for a, b in sorted(known - on_cycle)
    ]
    local_edges = {e.pair for e in edges if e.kind == "function"}
    problems += [
        f"{a} -> {b} is no longer imported in a function: remove it from LOCAL_IMPORTS_ALLOWED"
        for a, b in sorted(allowed_local - local_edges)
    ]
    return problems


def test_no_import_cycle() -> None:
    edges = import_edges(SRC, "assesskit")
    assert len({e.importer for e in edges}) > 60  # the parse found the package
    assert cycle_problems(edges, KNOWN_CYCLE, LOCAL_IMPORTS_ALLOWED) == []


def test_allowances_say_why() -> None:
    assert all(reason.strip() for reason in LOCAL_IMPORTS_ALLOWED.values())


def _package(tmp_path: Path, files: Mapping[str, str]) -> list[Edge]:
    for name, text in files.items():
        path = tmp_path / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return import_edges(tmp_path, "pkg")


@pytest.mark.parametrize(
    ("importing_b", "kind"),
    [
        ("from pkg.b import thing", "module"),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import b",
            "type_checking",
        ),
        ("def f():\n    from .b import thing", "function"),
        ("import pkg.b.thing", "module"),
    ],
)
def test_a_planted_cycle_is_found_however_the_import_is_written(
    tmp_path: Path, importing_b: str, kind: str
) -> None:
    edges = _package(
        tmp_path,
        {"__init__.py": "", "a.py": importing_b + "\n", "b.py": "from pkg.a import other\n"},
    )
    assert sorted((e.importer, e.imported, e.kind) for e in edges) == [
        ("pkg.a", "pkg.b", kind),
        ("pkg.b", "pkg.a", "module"),
    ]
    assert cycle_problems(edges) == [
        f"pkg.a imports pkg.b ({kind.replace('_', ' ')}, line {len(importing_b.splitlines())}): "
        "an import cycle among pkg.a, pkg.b",
        "pkg.b imports pkg.a (module, line 1): an import cycle among pkg.a, pkg.b",
    ]


def test_allowances_let_a_cycle_pass_and_must_still_be_needed(tmp_path: Path) -> None:
    edges = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "def f():\n    from pkg import b\n",
            "b.py": "import pkg.a\n",
            "c.py": "import pkg.a\n",
        },
    )
    assert cycle_problems(edges, local_allowed=[("pkg.a", "pkg.b")]) == []
    assert cycle_problems(edges, known=frozenset({("pkg.a", "pkg.b"), ("pkg.b", "pkg.a")})) == []
    # a known edge off every cycle, an allowance for an import that is not there
    assert cycle_problems(
        edges,
        known=frozenset({("pkg.c", "pkg.a")}),
        local_allowed=[("pkg.a", "pkg.b"), ("pkg.c", "pkg.a")],
    ) == [
        "pkg.c -> pkg.a is no longer on an import cycle: remove it from KNOWN_CYCLE",
        "pkg.c -> pkg.a is no longer imported in a function: remove it from LOCAL_IMPORTS_ALLOWED",
    ]


def test_no_module_over_600_lines() -> None:
    sizes = {
        p.relative_to(SRC).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in (SRC / "assesskit").rglob("*.py")
    }
    over = {name for name, lines in sizes.items() if lines > 600}
    assert sorted(over) == []


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_io_does_not_import_the_front_ends_above_it() -> None:
    """Readers and writers know nothing of scoring runs: ``run/`` imports ``io/``, never the
    reverse. The package ``assesskit.io`` offers two of ``run``'s functions by name, loaded on
    first use; it imports them for type checkers only."""
    edges = import_edges(SRC, "assesskit")
    assert any(_in(e.importer, "assesskit.run") and _in(e.imported, "assesskit.io") for e in edges)
    upward = {
        (e.importer, e.imported, e.kind)
        for e in edges
        if _in(e.importer, "assesskit.io") and _in(e.imported, "assesskit.run")
    }
    assert upward == {("assesskit.io", "assesskit.run.files", "type_checking")}
