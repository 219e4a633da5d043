"""The habits the repository enforces: pre-commit runs ruff and mypy, mypy is strict on the
domain and the read side and also checks scripts/."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
STRICT_FLAGS = ("disallow_untyped_defs", "disallow_incomplete_defs", "disallow_untyped_calls",
                "disallow_untyped_decorators", "disallow_any_generics", "warn_return_any",
                "no_implicit_reexport", "strict_equality", "extra_checks")


def test_the_pre_commit_configuration_is_valid_and_runs_ruff_and_mypy() -> None:
    config = ROOT / ".pre-commit-config.yaml"
    checked = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(config)],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    hooks = {hook["id"] for repo in yaml.safe_load(config.read_text())["repos"]
             for hook in repo["hooks"]}
    assert {"ruff", "mypy"} <= hooks


def test_mypy_is_strict_on_domain_and_projections_and_checks_scripts() -> None:
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert "scripts" in mypy["files"]
    strict = [o for o in mypy["overrides"] if set(o["module"]) == {"domain.*", "projections.*"}]
    assert strict and all(strict[0].get(flag) is True for flag in STRICT_FLAGS)
