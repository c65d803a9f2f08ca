"""`upskill diff` as text: Markdown, a plain table, or JSON (`upskill.diff/1`, docs/json.md)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

DIFF_FORMATS = ("table", "markdown", "json")
DIFF_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".txt": "table"}
STATUS = {"done": "done", "late": "late", "open": "not due yet"}


def render_diff(diff: Mapping[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(diff, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(diff)
    return _table(diff)


def _headline(diff: Mapping[str, Any]) -> str:
    s = diff["summary"]
    pace = {
        "ahead": f"ahead of schedule by {s['hours_ahead']:g} h",
        "behind": f"behind schedule by {-s['hours_ahead']:g} h",
        "on schedule": "on schedule",
    }[s["schedule"]]
    return (
        f"{_steps(s['steps_done'])} done, {s['steps_late']} late, {s['steps_open']} not due yet; {pace}; "
        f"{s['hours_remaining']:g} h of learning time remain (completion {s['completion_now']}, "
        f"was {s['completion_before']})"
    )


def _steps(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"


def _level_rows(diff: Mapping[str, Any]) -> list[list[str]]:
    rows = []
    for s in diff["skills"]:
        target = "" if s["target"] is None else str(s["target"])
        gained = f"+{s['gained']}" if s["gained"] > 0 else str(s["gained"])
        rows.append([s["name"], str(s["old"]), str(s["new"]), gained, target, "closed" if s["closed"] else ""])
    return rows


def _step_rows(diff: Mapping[str, Any]) -> list[list[str]]:
    return [
        [str(s["number"]), f"{s['name']}: {s['from']} → {s['to']}", s["end"], f"{s['hours']:g}", STATUS[s["status"]]]
        for s in diff["steps"]
    ]


LEVEL_HEAD = ["Skill", "Before", "Now", "Gained", "Target", "Gap"]
STEP_HEAD = ["#", "Step of the earlier plan", "Due", "Hours", "Status"]


def _markdown(diff: Mapping[str, Any]) -> str:
    e = diff["employee"]
    out = [f"# Progress: {e['name']} ({e['id']}) as of {diff['as_of']}", "", _headline(diff), ""]
    for title, head, rows in (("Levels", LEVEL_HEAD, _level_rows(diff)), ("Steps", STEP_HEAD, _step_rows(diff))):
        out += [f"## {title}", ""]
        if not rows:
            out += ["None.", ""]
            continue
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)


def _table(diff: Mapping[str, Any]) -> str:
    e = diff["employee"]
    out = [f"Progress: {e['name']} ({e['id']}) as of {diff['as_of']}", _headline(diff), ""]
    for head, rows in ((LEVEL_HEAD, _level_rows(diff)), (STEP_HEAD, _step_rows(diff))):
        widths = [max(len(c) for c in col) for col in zip(head, *rows, strict=False)]
        for row in (head, *rows):
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        out.append("")
    return "\n".join(out)
