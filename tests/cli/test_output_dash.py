"""`-o -` is standard output, as for every Unix tool: never a file named '-', never "cannot tell the format"."""

from __future__ import annotations

import pytest

from tests.helpers import EXAMPLES
from upskill.cli import cli


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["plan", str(EXAMPLES / "ana-ruiz.yaml"), "--as-of", "2026-12-07"], "# Learning plan: Ana Ruiz (E1042)"),
        (["plan", str(EXAMPLES / "ana-ruiz.yaml"), "--format", "json"], "{"),
        (["fit", str(EXAMPLES / "ana-ruiz.yaml")], "# Role fit: Ana Ruiz (E1042)"),
        (["team", str(EXAMPLES / "roster.csv"), "--format", "json", "--jobs", "1"], "{"),
    ],
)
def test_dash_writes_to_standard_output(runner, tmp_path, monkeypatch, args, starts):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["--no-config", *args, "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(starts)
    assert not (tmp_path / "-").exists()
