"""The layers import only downwards: domain knows no framework, database or environment, only
web/settings.py reads the environment, and the tests of the projections use nothing of the web
layer."""

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
    for module, _, line in _import_statements(path, root):
        yield module.split(".")[0], line


def _modules(path: Path, root: Path = ROOT) -> Iterator[tuple[str, int]]:
    """Dotted names of every module `path` imports; for `from M import n`, both M and M.n
    (n may be a submodule)."""
    for module, names, line in _import_statements(path, root):
        yield module, line
        for name in names:
            yield f"{module}.{name}", line


def _import_statements(path: Path, root: Path) -> Iterator[tuple[str, list[str], int]]:
    """(module, names taken from it, line) of every import, relative imports resolved."""
    package = path.relative_to(root).parent.parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join((*base, node.module or "")).strip(".")
            else:
                module = node.module or ""
            yield module, [alias.name for alias in node.names], node.lineno


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


def _where(path: Path, line: int, root: Path = ROOT) -> str:
    return f"{path.relative_to(root)}:{line}"


def _projection_tests(root: Path = ROOT) -> list[Path]:
    """Every module of a tests/**/projections/ folder."""
    return sorted(path for path in (root / "tests").rglob("*.py")
                  if "projections" in path.relative_to(root / "tests").parts[:-1])


def _test_code_reached(path: Path, root: Path = ROOT) -> list[Path]:
    """`path`, the conftest files pytest loads with it, and every module of the tests tree
    they import, directly or through each other."""
    found: list[Path] = []
    waiting = [path, *(folder / "conftest.py" for folder in path.parents
                       if folder.is_relative_to(root / "tests")
                       and (folder / "conftest.py").is_file())]
    while waiting:
        current = waiting.pop()
        if current in found:
            continue
        found.append(current)
        for module, _ in _modules(current, root):
            if module.split(".")[0] == "tests":
                target = root.joinpath(*module.split("."))
                waiting += [file for file in (target.with_suffix(".py"), target / "__init__.py")
                            if file.is_file()]
    return found


def _web_imports_reached(path: Path, root: Path = ROOT) -> list[str]:
    return [f"{_where(file, line, root)} imports {name}"
            for file in _test_code_reached(path, root)
            for name, line in _imports(file, root) if name == "web"]


def test_the_layers_to_check_exist() -> None:
    # A moved folder would otherwise make the checks below pass on nothing.
    assert _sources("domain") and _sources("projections")
    assert len(_projection_tests()) > 10


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


@pytest.mark.parametrize("path", _projection_tests(),
                         ids=lambda p: str(p.relative_to(ROOT / "tests")))
def test_the_projections_tests_use_nothing_of_the_web_layer(path: Path) -> None:
    # Their fixtures and builders record through the application service, so a broken web
    # package cannot fail them, and they show the projections work without it.
    offending = _web_imports_reached(path)
    assert not offending, "\n".join(offending)


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


def test_the_scan_of_the_tests_follows_their_helpers_and_conftest_files(tmp_path: Path) -> None:
    # The check above must be able to fail: a projections test that reaches `web` through a
    # helper of the tests tree, and a conftest above it that imports it directly.
    files = {
        "tests/integration/conftest.py": "from web import create_app\n",
        "tests/integration/projections/views/test_probe.py":
            "from tests.support import helper\nfrom projections.views import runner\n",
        "tests/support/helper.py": "from tests.support.deeper import thing\n",
        "tests/support/deeper.py": "import web.loaders.demo\n",
        "tests/unit/conftest.py": "import web\n",  # not above the probe: not loaded with it
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    [probe] = _projection_tests(tmp_path)
    assert sorted(_web_imports_reached(probe, tmp_path)) == [
        "tests/integration/conftest.py:1 imports web",
        "tests/support/deeper.py:1 imports web"]
