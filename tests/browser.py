"""Load a page in a real headless Chromium: its console messages, whether it scrolls sideways, a screenshot.

One helper for every HTML check (the team report, the HTML plan). Chromium runs with a fresh
profile folder and flags that keep it off the network (every host name resolves to nothing, no
background services), so a test sees only the page. Where Chromium is missing, `chromium()`
skips the test with the reason; `.ci/run` installs it where it can.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root, where the sandbox cannot start
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--metrics-recording-only",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # any request for a host fails at once
    "--enable-logging=stderr",
    "--v=0",
    "--run-all-compositor-stages-before-draw",
    "--virtual-time-budget=3000",
)
# Added before </body> of a copy of the page: records the page's size once it has laid out.
MEASURE = (
    "<script>addEventListener('load', function () {"
    "var d = document.documentElement;"
    "var m = document.createElement('pre'); m.id = 'upskill-measure';"
    "m.textContent = JSON.stringify({scroll_width: d.scrollWidth, viewport_width: d.clientWidth,"
    " scroll_height: d.scrollHeight});"
    "document.body.appendChild(m);});</script>"
)
_CONSOLE = re.compile(r'INFO:CONSOLE[^\]]*\] "(.*)", source: (.*)$')


class Page(NamedTuple):
    """What Chromium saw."""

    console: list[str]  # every console message and uncaught error
    scroll_width: int  # the document's full width
    viewport_width: int  # the window's width: wider content means the page scrolls sideways
    dom: str  # the document after scripts ran


def chromium() -> str:
    """The Chromium executable, or skip the test saying why."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed (Debian: apt-get install chromium); .ci/run installs it where it can")


def load(page: Path, width: int = 1200, height: int = 900) -> Page:
    """Open `page` (an HTML file) at `width` x `height` and report what happened."""
    browser = chromium()
    with tempfile.TemporaryDirectory(prefix="upskill-chromium-") as folder:
        copy = Path(folder) / page.name
        html = page.read_text(encoding="utf-8")
        copy.write_text(html.replace("</body>", MEASURE + "</body>", 1), encoding="utf-8")
        result = subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={folder}/profile",
                f"--window-size={width},{height}",
                "--dump-dom",
                copy.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    console = [m.group(1) for line in result.stderr.splitlines() if (m := _CONSOLE.search(line))]
    found = re.search(r'<pre id="upskill-measure">(.*?)</pre>', result.stdout)
    if not found:
        raise AssertionError(f"Chromium did not load {page} (exit {result.returncode}):\n{result.stderr[-2000:]}")
    sizes = json.loads(found.group(1).replace("&quot;", '"'))
    return Page(console, sizes["scroll_width"], sizes["viewport_width"], result.stdout)


def screenshot(page: Path, out: Path, width: int = 1200, height: int = 900) -> Path:
    """Save a PNG of `page` as a person would see it at `width` x `height`."""
    browser = chromium()
    with tempfile.TemporaryDirectory(prefix="upskill-chromium-") as folder:
        subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={folder}/profile",
                f"--window-size={width},{height}",
                f"--screenshot={out}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    if not out.exists():
        raise AssertionError(f"Chromium wrote no screenshot of {page}")
    return out


def evaluate(page: Path, function: str, scripts: tuple[Path, ...] = ()) -> object:
    """Run `function` (JavaScript: `async () => value`) in `page` once it has loaded, and return its value.

    `scripts` (local files, such as axe.min.js) are loaded into the page first. The value comes back
    as JSON in an element added to a copy of the page; nothing is fetched from the network.
    """
    import html as markup

    with tempfile.TemporaryDirectory(prefix="upskill-evaluate-") as folder:
        copy = Path(folder) / page.name
        tags = "".join(f"<script src='{script.resolve().as_uri()}'></script>" for script in scripts)
        runner = (
            "<script>addEventListener('load', async function () {"
            "var out = document.createElement('pre'); out.id = 'upskill-result';"
            f"try {{ out.textContent = JSON.stringify({{value: await ({function})()}}); }}"
            "catch (e) { out.textContent = JSON.stringify({error: String(e)}); }"
            "document.body.appendChild(out);});</script>"
        )
        copy.write_text(page.read_text(encoding="utf-8").replace("</body>", tags + runner + "</body>", 1), "utf-8")
        dom = load(copy).dom
    found = re.search(r'<pre id="upskill-result">(.*?)</pre>', dom, re.S)
    if not found:
        raise AssertionError(f"the script did not finish in {page}")
    result = json.loads(markup.unescape(found.group(1)))
    if "error" in result:
        raise AssertionError(f"the script failed in {page}: {result['error']}")
    return result["value"]


def npm_script(folder: Path, package: str, script: str, what: str) -> Path:
    """`script` of npm `package`, installed offline from npm's cache into `folder` (no test reaches the
    network), or skip saying why; `what` names it in the reason."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip(f"npm is not installed: {what} is not available")
    try:
        done = subprocess.run(
            [npm, "install", "--offline", "--no-audit", "--no-fund", "--prefix", str(folder), package],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip(f"npm took over 3 minutes to install {package.split('@')[0]} from its cache")
    found = folder / "node_modules" / script
    if done.returncode != 0 or not found.exists():
        name = package.split("@")[0]
        pytest.skip(f"{name} is not in npm's cache (npm install {name} once, online, to run this test)")
    return found
