"""Pseudonyms without UPSKILL_ANONYMIZE_KEY cannot be computed by anyone else.

With no secret, a pseudonym was the HMAC of the id under an empty key: hashing every id of an
HR system's form (H00000 to H99999) named every person of a 300-person export in seconds. Now a
run without the variable uses a random key (pseudonyms differ between runs) and says so once on
stderr, naming the variable that gives the same pseudonyms every run.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import ROOT, START
from upskill.cli import cli
from upskill.planning.team import pseudonym

ROSTER = str(ROOT / "examples" / "roster.csv")
IDS = ("E1042", "E1077", "E1103", "E2117", "E5090")


def _ids(stdout: str) -> list[str]:
    return [json.loads(line)["employee"]["id"] for line in stdout.splitlines()]


def run(runner, key: str | None, *args: str):
    result = runner.invoke(cli, [*args, "--start", START, "--jobs", "1"], env={"UPSKILL_ANONYMIZE_KEY": key})
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("key", [None, ""])
def test_without_a_key_pseudonyms_are_random_per_run_with_one_warning(runner, key):
    first = run(runner, key, "batch", ROSTER, "--out", "-", "--format", "jsonl", "--anonymize")
    second = run(runner, key, "batch", ROSTER, "--out", "-", "--format", "jsonl", "--anonymize")
    ids, again = _ids(first.stdout), _ids(second.stdout)
    assert len(ids) == 17 and all(i.startswith("anon-") for i in ids)
    assert not set(ids) & set(again)  # nothing in common between two runs
    # Nobody can compute them: not the empty-key hash of the id
    assert not set(ids) & {pseudonym(i) for i in IDS}
    warnings = [line for line in first.stderr.splitlines() if "UPSKILL_ANONYMIZE_KEY" in line]
    assert len(warnings) == 1 and warnings[0].startswith("upskill: warning:"), first.stderr


def test_the_team_report_warns_once_too(runner):
    result = run(runner, None, "team", ROSTER, "--anonymize", "--min-group", "1", "--format", "json")
    assert len([line for line in result.stderr.splitlines() if "UPSKILL_ANONYMIZE_KEY" in line]) == 1
    shown = {e["id"] for e in json.loads(result.stdout)["employees"]}
    assert len(shown) == 17 and not shown & {pseudonym(i) for i in IDS}


def test_with_a_key_pseudonyms_are_stable_and_nothing_is_said(runner):
    first = run(runner, "s3cret", "batch", ROSTER, "--out", "-", "--format", "jsonl", "--anonymize")
    second = run(runner, "s3cret", "batch", ROSTER, "--out", "-", "--format", "jsonl", "--anonymize")
    assert first.stdout == second.stdout
    assert _ids(first.stdout)[0] in {pseudonym(i, "s3cret") for i in IDS}
    assert "UPSKILL_ANONYMIZE_KEY" not in first.stderr


def test_without_anonymize_no_warning(runner):
    result = run(runner, None, "batch", ROSTER, "--out", "-", "--format", "jsonl")
    assert "UPSKILL_ANONYMIZE_KEY" not in result.stderr
