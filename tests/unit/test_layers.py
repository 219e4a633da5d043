"""The layers import only downwards: domain knows no framework, database or environment, and
only web/settings.py reads the environment."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FORBIDDEN_IN_DOMAIN = frozenset({
    "flask", "marshmallow", "sqlite3", "psycopg", "psycopg_pool", "sqlalchemy", "werkzeug",
    "web", "projections",
})
ENVIRONMENT_READERS = frozenset({"environ", "getenv", "environb", "getenvb"})


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path, root: Path = ROOT) -> Iterator[tuple[str, int]]:
    """Top-level names of every module `path` imports, relative imports resolved."""
    package = path.relative_to(root).parent.parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join((*base, node.module or "")).strip(".")
            else:
                module = node.module or ""
            yield module.split(".")[0], node.lineno


def _environment_reads(path: Path) -> Iterator[tuple[str, int]]:
    """`os.environ`, `os.getenv` and `from os import environ` in `path`."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if (isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT_READERS
                and isinstance(node.value, ast.Name) and node.value.id == "os"):
            yield f"os.{node.attr}", node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            for alias in node.names:
                if alias.name in ENVIRONMENT_READERS:
                    yield f"from os import {alias.name}", node.lineno


def _named_variables(path: Path, names: frozenset[str]) -> Iterator[tuple[str, int]]:
    """String constants in `path` that are exactly one of the variable `names` (a read of
    `app.config["REKAM_…"]` or of a mapping of them, beside the settings)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Constant) and node.value in names:
            yield str(node.value), node.lineno


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def test_the_layers_to_check_exist() -> None:
    # A moved folder would otherwise make the checks below pass on nothing.
    assert _sources("domain") and _sources("projections")


@pytest.mark.parametrize("path", _sources("domain"), ids=lambda p: p.name)
def test_the_domain_imports_no_framework_database_or_upper_layer(path: Path) -> None:
    offending = [f"{_where(path, line)} imports {name}"
                 for name, line in _imports(path) if name in FORBIDDEN_IN_DOMAIN]
    assert not offending, "\n".join(offending)


@pytest.mark.parametrize("path", _sources("domain"), ids=lambda p: p.name)
def test_the_domain_reads_no_environment(path: Path) -> None:
    offending = [f"{_where(path, line)} reads the environment ({what})"
                 for what, line in _environment_reads(path)]
    assert not offending, "\n".join(offending)


@pytest.mark.parametrize("path", _sources("projections"), ids=lambda p: p.name)
def test_projections_import_nothing_from_the_web_layer(path: Path) -> None:
    offending = [f"{_where(path, line)} imports {name}"
                 for name, line in _imports(path) if name == "web"]
    assert not offending, "\n".join(offending)


SETTINGS_MODULE = ROOT / "web" / "settings.py"
UPPER_LAYERS = [p for p in _sources("web") + _sources("projections") if p != SETTINGS_MODULE]


@pytest.mark.parametrize("path", UPPER_LAYERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_settings_read_the_environment(path: Path) -> None:
    offending = [f"{_where(path, line)} reads the environment ({what}): take the value "
                 "from web/settings.py" for what, line in _environment_reads(path)]
    assert not offending, "\n".join(offending)


def _own_variables() -> frozenset[str]:
    # POSTGRES_* are also the event-store library's own setting names, which Backend hands
    # it: only the REKAM_* names are ours alone.
    from web.settings import variables

    return frozenset(name for name in variables() if name.startswith("REKAM_"))


@pytest.mark.parametrize("path", UPPER_LAYERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_but_the_settings_looks_a_variable_up_by_its_name(path: Path) -> None:
    offending = [f"{_where(path, line)} names {name}: take the value from web/settings.py"
                 for name, line in _named_variables(path, _own_variables())]
    assert not offending, "\n".join(offending)


def test_the_settings_module_is_where_the_environment_is_read() -> None:
    # Otherwise the exemption above would be for a file that moved or stopped reading it.
    assert list(_environment_reads(SETTINGS_MODULE))
    assert list(_named_variables(SETTINGS_MODULE, _own_variables()))


def test_the_scan_finds_absolute_relative_and_environment_uses(tmp_path: Path) -> None:
    # The scanner must be able to fail: feed it a file that breaks every rule.
    probe = tmp_path / "domain" / "probe.py"
    probe.parent.mkdir()
    probe.write_text("import flask.json\nfrom sqlalchemy import orm\nfrom ..web import app\n"
                     "from . import values\nimport os\nx = os.environ['A']\n"
                     "y = os.getenv('B')\nfrom os import environ\n", encoding="utf-8")

    assert [name for name, _ in _imports(probe, root=tmp_path)] == [
        "flask", "sqlalchemy", "web", "domain", "os", "os"]
    assert sorted(what for what, _ in _environment_reads(probe)) == [
        "from os import environ", "os.environ", "os.getenv"]
    probe.write_text('x = config.get("REKAM_DEMO")\ny = "REKAM_DEMO is a variable"\n',
                     encoding="utf-8")
    assert list(_named_variables(probe, frozenset({"REKAM_DEMO"}))) == [("REKAM_DEMO", 1)]


def test_the_service_is_configured_only_by_its_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library would merge os.environ (and REKAM_-prefixed keys would win) into the
    application's settings; the service takes only what the caller passes."""
    from domain.personnel_service import PersonnelService
    from domain.privacy import InMemoryKeyStore, InMemorySubjectRegistry

    monkeypatch.setenv("PERSISTENCE_MODULE", "eventsourcing.sqlite")
    monkeypatch.setenv("REKAM_PERSISTENCE_MODULE", "eventsourcing.sqlite")
    monkeypatch.setenv("SQLITE_DBNAME", "/nonexistent/events.sqlite")
    service = PersonnelService({"PERSISTENCE_MODULE": "eventsourcing.popo"},
                               InMemoryKeyStore(), InMemorySubjectRegistry())
    assert type(service.recorder).__module__ == "eventsourcing.popo"
    assert service.env.get("SQLITE_DBNAME") is None
