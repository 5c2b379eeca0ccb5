"""`juesuan --help` and every sub-command's help show examples, and every example is a command line juesuan accepts."""

from __future__ import annotations

import shlex
import subprocess
import sys

import pytest

from juesuan.cli import EXAMPLES, build_parser
from tests.conftest import ROOT

COMMANDS = ["run", "ingest", "build", "validate", "report", "publish", "export", "import"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_examples_of_the_command(command):
    args = [command, "--help"] if command else ["--help"]
    result = subprocess.run([sys.executable, "-m", "juesuan.cli", *args], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "例 / Examples:\n" in result.stdout
    example = f"\n  juesuan {command or 'run'} "
    assert example in result.stdout
    assert result.stdout.endswith(EXAMPLES[command or "juesuan"] + "\n")  # the lines kept as written


def test_every_example_is_a_command_line_juesuan_accepts():
    parser = build_parser()
    seen = set()
    for text in EXAMPLES.values():
        for line in text.splitlines():
            for command in line.split("#")[0].split("&&"):
                words = shlex.split(command)
                assert words[0] == "juesuan", line
                if words[1:] == [words[1], "--help"]:
                    continue  # prints help and exits: tested above
                parsed = parser.parse_args(words[1:])  # an unknown option or value exits 2 here
                seen.add(parsed.command)
    assert seen == set(COMMANDS)


def test_the_default_warehouse_is_the_one_dbt_profile_and_readme_state():
    """juesuan's default warehouse is read from profiles.yml (dbt opens the same file without --db); the
    README names it to users."""
    from juesuan import pipeline

    assert pipeline.DEFAULT_DB == "warehouse/juesuan.duckdb"
    assert f"`{pipeline.DEFAULT_DB}`" in (ROOT / "README.md").read_text(encoding="utf-8")
