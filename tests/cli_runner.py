"""One click test runner for the CLI tests: stderr kept apart from stdout on every click version."""

from __future__ import annotations

from click.testing import CliRunner


def runner() -> CliRunner:
    try:  # click < 8.2 mixes stderr into output unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()
