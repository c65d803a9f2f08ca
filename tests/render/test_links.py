"""Only http(s) addresses become links, in every output: a catalog is data, and a `javascript:` or
`data:` address from it must not turn into a live link in a wiki, a docs site or a browser."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.helpers import START, profile_text, write_file
from upskill.cli import cli

HOSTILE = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "//evil.example/x",
]


def catalog_with(url: str) -> str:
    return f"""\
sources:
  - {{id: s1, publisher: Pub, title: Study, date: 2025-01-01, url: {json.dumps(url)}}}
skills:
  - id: lone
    name: Lone
    demand: {{score: 0.5, source: s1, figure: "Lone is hot."}}
    resources:
      - {{title: Safe course, kind: formal, hours: 6, from: 0, to: 1, url: "https://example.org/course"}}
      - {{title: Hostile course, kind: social, hours: 4, from: 1, to: 3, url: {json.dumps(url)}}}
roles:
  - {{id: r, name: Role R, requires: {{lone: 3}}}}
"""


@pytest.mark.slow
@pytest.mark.parametrize("url", HOSTILE)
def test_only_http_links_in_markdown_and_html(tmp_path, url):
    cat = write_file(tmp_path, "cat.yaml", catalog_with(url))
    prof = write_file(tmp_path, "p.yaml", profile_text(target_role="r"))
    runner = CliRunner()
    md = runner.invoke(cli, ["plan", str(prof), "--catalog", str(cat), "--start", START, "--format", "markdown"])
    assert md.exit_code == 0, md.stderr
    assert "[Safe course](https://example.org/course)" in md.stdout
    assert "](" + url.split(":")[0] not in md.stdout and "Hostile course" in md.stdout
    out = tmp_path / "out"
    batch = runner.invoke(
        cli,
        [
            "batch",
            str(prof),
            "--catalog",
            str(cat),
            "--start",
            START,
            "--out",
            str(out),
            "--format",
            "html",
            "--format",
            "markdown",
        ],
    )
    assert batch.exit_code == 0, batch.stderr
    html = (out / "E1.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/course"' in html
    assert f'href="{url}' not in html and "Hostile course" in html
    assert "](" + url.split(":")[0] not in (out / "E1.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_validate_warns_about_other_schemes_with_their_place(tmp_path):
    cat = write_file(tmp_path, "cat.yaml", catalog_with("javascript:alert(1)"))
    result = CliRunner().invoke(cli, ["validate", str(cat)])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "javascript:" in line]
    # The source on line 2 and the resource on line 9, each with its line and column.
    assert len(warnings) == 2
    assert all(line.startswith(f"upskill: warning: {cat}:") for line in warnings)
    assert {line.split(":")[3] for line in warnings} == {"2", "9"}
    strict = CliRunner().invoke(cli, ["validate", "--strict", str(cat)])
    assert strict.exit_code == 1


def test_http_addresses_stay_links_without_a_warning(tmp_path):
    cat = write_file(tmp_path, "cat.yaml", catalog_with("HTTPS://example.org/Study"))
    result = CliRunner().invoke(cli, ["validate", str(cat)])
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
