"""Code style is part of the test command: ruff on Python, sqlfluff on the dbt SQL."""

import subprocess
import sys

from tests.conftest import ROOT


def test_ruff_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sqlfluff_clean():
    result = subprocess.run([sys.executable, "-m", "sqlfluff", "lint", "models", "macros"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
