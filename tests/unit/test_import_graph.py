"""The module import graph: no cycles, and no import pointing up the layers.

Every `import` and `from ... import` of the source counts, wherever it stands (inside a function,
under `if TYPE_CHECKING:`): a lazy import hides a cycle, it does not remove it. A module using its
own package's `__init__` (an ancestor package) is not a cycle. The scanner is tried on a small
tree with a known cycle and a known upward import, so it cannot pass by seeing nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("domain", "projections", "web", "scripts")  # each may import only those before it


def modules(root: Path, packages: tuple[str, ...] = LAYERS) -> dict[str, Path]:
    """Dotted name → file of every module under the packages."""
    found = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def graph(root: Path, packages: tuple[str, ...] = LAYERS) -> dict[str, set[str]]:
    """Module → the modules of the tree it imports (ancestor packages' `__init__` left out)."""
    known = modules(root, packages)

    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(filter(None, (resolve(a.name) for a in node.names)))
            elif isinstance(node, ast.ImportFrom):
                base = ".".join([*package[:len(package) - node.level + 1], node.module or ""]
                                if node.level else [node.module or ""]).strip(".")
                for alias in node.names:  # `from package import module` imports the module
                    target = resolve(f"{base}.{alias.name}") if f"{base}.{alias.name}" in known \
                        else resolve(base)
                    if target:
                        targets.add(target)
        edges[name] = {t for t in targets
                       if t != name and not (known[t].name == "__init__.py"
                                             and name.startswith(t + "."))}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def upward(edges: dict[str, set[str]], layers: tuple[str, ...] = LAYERS) -> list[str]:
    """Imports from a lower layer of a higher one."""
    rank = {layer: position for position, layer in enumerate(layers)}
    return sorted(f"{source} imports {target}" for source, targets in edges.items()
                  for target in targets
                  if rank[target.split(".")[0]] > rank[source.split(".")[0]])


def test_the_source_has_no_import_cycle() -> None:
    edges = graph(ROOT)
    assert len(edges) > 100  # a moved folder would otherwise pass on an empty graph
    assert cycles(edges) == []


def test_no_import_points_up_the_layers() -> None:
    assert upward(graph(ROOT)) == []


def test_the_loaders_import_no_flask() -> None:
    # The demo generator and the legacy importer run from commands and tests, not requests.
    offending = []
    for path in (ROOT / "web" / "loaders").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offending += [f"{path.name} imports {n}" for n in names
                          if n.split(".")[0] in ("flask", "flask_login", "flask_wtf", "werkzeug")
                          or n in ("web", "web.public", "web.hr", "web.audit", "web.api")]
    assert offending == []


@pytest.fixture
def small_tree(tmp_path: Path) -> Path:
    """domain.a ↔ domain.b import each other (one lazily); domain.c imports web.d; web.d uses
    its own package's __init__, which imports it back (allowed)."""
    files = {
        "domain/__init__.py": "",
        "domain/a.py": "from domain.b import thing\n",
        "domain/b.py": "def f():\n    from domain import a\n",
        "domain/c.py": "import web.d\n",
        "web/__init__.py": "from web.d import helper\n",
        "web/d.py": "from web import something\n",
        "projections/__init__.py": "",
        "scripts/__init__.py": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_the_scanner_finds_a_cycle_even_through_a_lazy_import(small_tree: Path) -> None:
    assert cycles(graph(small_tree)) == [["domain.a", "domain.b"]]


def test_the_scanner_finds_an_upward_import(small_tree: Path) -> None:
    assert upward(graph(small_tree)) == ["domain.c imports web.d"]
