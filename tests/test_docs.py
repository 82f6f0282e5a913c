"""The docs match the behaviour: README commands, --help examples, exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import errors
from kg.cli import main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")

INSTALL_AND_RUN = (
    "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/kg build --output kg-graph.ttl"
)
TEST_COMMAND = ".venv/bin/pip install '.[test]' && .venv/bin/python -m pytest"


def code_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)]


def test_readme_opens_with_the_two_commands():
    first, second = code_blocks(README)[:2]
    assert first == INSTALL_AND_RUN
    assert second == TEST_COMMAND


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in ci
    assert "\n" + TEST_COMMAND + "\n" in ci
    assert "ruff check ." in ci
    assert "-e ." not in ci and "--editable" not in ci


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_in_the_readme(name):
    assert f"### kg {name}" in README
    assert re.search(rf"^kg {name}\b", README, flags=re.M), f"no example of kg {name} in README.md"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_an_example_in_help(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_exit_codes_documented():
    table = dict(re.findall(r"^\| (\d) \| (.+?) \|$", README, flags=re.M))
    assert set(table) == {"0", "1", "2", "3"}
    assert errors.InvalidGraphError.exit_code == 1 and "SHACL" in table["1"]
    assert errors.UsageError.exit_code == 2 and "usage" in table["2"]
    assert errors.InputError.exit_code == 3 and "skipped" in table["3"]
    assert errors.GraphFileError.exit_code == 3
    doc = errors.__doc__ or ""
    for code in "0123":
        assert re.search(rf"^{code}\s", doc, flags=re.M), f"exit code {code} not in kg.errors' docstring"
    help_text = CliRunner().invoke(main, ["--help"]).output
    assert "Exit codes" in help_text


def test_readme_input_formats_match_the_reader():
    from kg.readers import SUFFIXES

    for suffix in SUFFIXES:
        assert f"`{suffix}`" in README


def test_readme_scoring_command():
    assert 'python ../shared/eval/score.py ../shared/corpus --kg "python -m kg" --verbose' in README


def test_samples_readme_says_officials_are_fictional():
    text = (REPO / "samples" / "README.md").read_text(encoding="utf-8")
    assert "fictional" in text
    for path in sorted((REPO / "samples").iterdir()):
        if path.name != "README.md":
            assert f"`{path.name}`" in text, f"samples/README.md does not describe {path.name}"
