"""The HTML plan and the Mermaid chart in a real headless Chromium (tests/browser.py): no console error, no
sideways scrolling on screen or on A4 and Letter paper, the charts drawn, and Mermaid's own renderer
accepting the chart `--mermaid` writes."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.browser import FLAGS, chromium, load, npm_script, screenshot
from tests.helpers import EXAMPLES, START
from upskill.cli import cli

pytestmark = pytest.mark.slow

# The printable width of A4 and Letter with the page's 15 mm margins, in CSS pixels (96 per inch)
PAPER = {"A4": ((210 - 30) / 25.4 * 96, (595, 842)), "letter": ((215.9 - 30) / 25.4 * 96, (612, 792))}
CHART_BLUE = (0x09, 0x69, 0xDA)  # svg.chart .bar and .current in _style.html.j2


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """`upskill plan -o` pages: an example, and one with a long name and a deadline it misses."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("pages")
    runner = CliRunner()
    long_name = folder / "long.yaml"
    long_name.write_text(
        (EXAMPLES / "yusuf-demir.yaml")
        .read_text(encoding="utf-8")
        .replace("name: Yusuf Demir", "name: " + "Maximiliana-Wolfeschlegelsteinhausen " * 4),
        encoding="utf-8",
    )
    out = {}
    for name, profile in (("ana", EXAMPLES / "ana-ruiz.yaml"), ("long", long_name)):
        path = folder / f"{name}.html"
        args = ["plan", str(profile), "--start", START, "-o", str(path), "--deadline", "2027-02-01"]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.stderr
        out[name] = path
    return out


def pixels(png: Path) -> list[tuple[int, int, int]]:
    """The RGB pixels of a non-interlaced 8-bit RGB or RGBA PNG (what Chromium writes), without Pillow."""
    data = png.read_bytes()
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        chunks += [body] if kind == b"IDAT" else []
        pos += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (2, 6), (depth, color)
    size = 3 if color == 2 else 4
    raw, stride, previous, out = zlib.decompress(b"".join(chunks)), width * size, bytearray(width * size), []
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - size] if i >= size else 0
            b, c = previous[i], previous[i - size] if i >= size else 0
            guess = (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]
            line[i] = (line[i] + guess) & 0xFF
        out += [tuple(line[i : i + 3]) for i in range(0, stride, size)]
        previous = line
    return out


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


@pytest.mark.parametrize("name", ["ana", "long"])
def test_the_plan_page_loads_cleanly_and_fits_the_window(pages, name):
    seen = load(pages[name])
    assert seen.console == []
    assert seen.scroll_width <= seen.viewport_width


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("name", ["ana", "long"])
def test_the_plan_page_fits_the_paper_width(pages, name, paper):
    """At the printable width of the paper, nothing sticks out sideways (so nothing is cut off in print)."""
    seen = load(pages[name], width=int(PAPER[paper][0]))
    assert seen.scroll_width <= seen.viewport_width


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_the_plan_prints_on_a4_and_letter(pages, tmp_path, paper):
    page = tmp_path / "page.html"
    page.write_text(
        pages["ana"]
        .read_text(encoding="utf-8")
        .replace("</head>", f"<style>@page {{ size: {paper}; }}</style></head>"),
        encoding="utf-8",
    )
    pdf = tmp_path / "page.pdf"
    subprocess.run(
        [
            chromium(),
            *FLAGS,
            f"--user-data-dir={tmp_path}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    data = pdf.read_bytes()
    found = re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)
    boxes = {tuple(round(float(n)) for n in box.split()[2:]) for box in found}
    assert boxes == {PAPER[paper][1]}
    assert 1 <= len(re.findall(rb"/Type\s*/Page\b", data)) <= 8


def test_the_screenshot_shows_the_charts(pages, tmp_path):
    shot = screenshot(pages["ana"], tmp_path / "plan.png", height=1400)
    blue = sum(1 for p in pixels(shot) if all(abs(x - y) <= 8 for x, y in zip(p, CHART_BLUE, strict=True)))
    assert blue > 5_000  # the bars of both charts (a page without them has a few blue link letters at most)


# --- Mermaid's own renderer -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mermaid_js(tmp_path_factory) -> Path:
    """mermaid.min.js from npm's local cache (offline: no test reaches the network), or skip saying why."""
    return npm_script(
        tmp_path_factory.mktemp("mermaid"), "mermaid@11", "mermaid/dist/mermaid.min.js", "Mermaid's renderer"
    )


def rendered(mermaid_js: Path, charts: list[str], folder: Path) -> list[str]:
    """Each chart through mermaid.render in Chromium: 'ok' and the SVG's text, or 'error: ...'."""
    page = folder / "mermaid.html"
    code = json.dumps(charts).replace("</", "<\\/")
    page.write_text(
        f"<html><body><script src='{mermaid_js.as_uri()}'></script><script>"
        f"const charts = {code};"
        "(async () => { const out = [];"
        " for (const text of charts) {"
        "  try { const r = await mermaid.render('chart' + out.length, text);"
        "   const d = document.createElement('div'); d.innerHTML = r.svg; out.push('ok ' + d.textContent); }"
        "  catch (e) { out.push('error: ' + e.message); } }"
        " const p = document.createElement('pre'); p.id = 'mermaid-out'; p.textContent = JSON.stringify(out);"
        " document.body.appendChild(p); })();"
        "</script></body></html>",
        encoding="utf-8",
    )
    found = re.search(r'<pre id="mermaid-out">(.*?)</pre>', load(page).dom, re.S)
    assert found, "the Mermaid page did not finish"
    import html

    return list(json.loads(html.unescape(found.group(1))))


def test_mermaid_draws_every_example_s_chart(mermaid_js, tmp_path, runner):
    charts, names = [], []
    for profile in sorted(EXAMPLES.glob("*.yaml")):
        result = runner.invoke(cli, ["plan", str(profile), "--start", START, "--mermaid", "--deadline", "2027-03-01"])
        assert result.exit_code == 0, result.stderr
        block = re.search(r"```mermaid\n(.*?)```", result.stdout, re.S)
        assert block
        charts.append(block.group(1))
        names.append([m for m in re.findall(r"^    (\d+\. [^:]+?) :", block.group(1), re.M)])
    results = rendered(
        mermaid_js, [*charts, "gantt\n  dateFormat YYYY-MM-DD\n  section A\n  a :s1, 2026-13-45, 3d\n"], tmp_path
    )
    assert results[-1].startswith("error")  # the renderer does refuse a broken chart
    assert len(charts) >= 5 and len(results) == len(charts) + 1, "every example's chart is drawn"
    for result, tasks in zip(results, names, strict=False):
        assert result.startswith("ok"), result
        assert all(task in result for task in tasks)
