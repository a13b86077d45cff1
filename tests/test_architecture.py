"""The rooms of the house and what each may import (docs/architecture.md), as the contracts in
pyproject.toml say, checked by import-linter: they hold, and a face that reads the tables
itself, or a core that reaches for the store, breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def contracts(package_root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the followup package found under package_root."""
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=package_root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "src" / "followup",
        tmp_path / "followup",
        ignore=shutil.ignore_patterns("__pycache__", "*.model", "static", "templates"),
    )
    return tmp_path


def test_the_package_keeps_every_contract():
    done = contracts(ROOT / "src")
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "imports", "broken"),
    [
        ("web/sneaky.py", "from followup.store.schema import applications", "Only the store reads"),
        ("cli/sneaky.py", "from followup.store.applications import setting", "Only the service uses"),
        ("core/sneaky.py", "import sqlalchemy", "The core imports itself"),
        ("core/upward.py", "from followup.casefile import read_case", "Faces call the service"),
        ("store/upward.py", "from followup.service import applications", "Faces call the service"),
        ("web/loop.py", "from followup.web import app", "No circles between the modules of a room"),
        ("mail/loop.py", "from followup.cli import support", "No circles between the rooms"),
    ],
    ids=["a face reads the tables", "a face uses the store", "the core loads a database library",
         "the core imports a room above it", "the store imports the service", "a circle in the web room",
         "a circle between two rooms"],
)  # fmt: skip
def test_an_import_against_the_rooms_breaks_a_contract(copy_of_the_package, module, imports, broken):
    (copy_of_the_package / "followup" / module).write_text(f'"""A deliberate breach."""\n\n{imports}\n')
    if module == "web/loop.py":  # and the app importing it back
        app = copy_of_the_package / "followup" / "web" / "app.py"
        app.write_text(app.read_text() + "\nfrom followup.web import loop  # noqa\n")
    done = contracts(copy_of_the_package)
    assert done.returncode != 0
    assert broken in done.stdout
    assert "BROKEN" in done.stdout.split(broken, 1)[1].split("\n\n", 1)[0]
