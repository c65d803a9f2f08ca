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
    if diff["kind"] == "roster":
        title, lines, sections = _roster(diff)
    else:
        e = diff["employee"]
        title = f"Progress: {e['name']} ({e['id']}) as of {diff['as_of']}"
        lines = [_headline(diff)]
        sections = [("Levels", LEVEL_HEAD, _level_rows(diff)), ("Steps", STEP_HEAD, _step_rows(diff))]
    return _markdown(title, lines, sections) if fmt == "markdown" else _table(title, lines, sections)


Section = tuple[str, list[str], list[list[str]]]


def _figure(value: Any) -> str:
    return "hidden" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _roster(diff: Mapping[str, Any]) -> tuple[str, list[str], list[Section]]:
    p, settings = diff["people"], diff["settings"]
    lines = [
        f"{p['compared']:,} people in both rosters, {p['moved']:,} of them moved; "
        f"{p['only_old']:,} only in the earlier roster, {p['only_new']:,} only in the later one."
    ]
    if any(s["moved_up"] is None for s in diff["skills"]) or diff["hidden_groups"]:
        lines.append(f"Figures over fewer than {settings['min_group']} people are hidden.")
    skills = [
        [
            s["name"],
            str(s["people"]),
            *(_figure(s[k]) for k in ("moved_up", "moved_down", "levels_gained", "gaps_closed")),
        ]
        for s in diff["skills"]
    ]
    sections: list[Section] = [("Skills", ["Skill", "People", "Up", "Down", "Levels gained", "Gaps closed"], skills)]
    if settings["group_by"]:
        groups = [
            [g["name"], *(str(g[k]) for k in ("people", "moved_up", "levels_gained", "gaps_closed"))]
            for g in diff["groups"]
        ]
        if diff["hidden_groups"]:
            groups.append([f"({diff['hidden_groups']} smaller groups hidden)", "", "", "", ""])
        sections.append(
            (
                f"By {settings['group_by']}",
                [settings["group_by"], "People", "Moved up", "Levels gained", "Gaps closed"],
                groups,
            )
        )
    moved = [
        [
            m["name"] if m["name"] == m["id"] else f"{m['name']} ({m['id']})",
            ", ".join(f"{s['name']} {s['old']} → {s['new']}" for s in m["skills"]),
        ]
        for m in diff["moved"]
    ]
    sections.append(("Who moved", ["Person", "Levels"], moved))
    return "Movement between two rosters", lines, sections


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


def _markdown(title: str, lines: list[str], sections: list[Section]) -> str:
    out = [f"# {title}", "", *lines, ""]
    for name, head, rows in sections:
        out += [f"## {name}", ""]
        if not rows:
            out += ["None.", ""]
            continue
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)


def _table(title: str, lines: list[str], sections: list[Section]) -> str:
    out = [title, *lines, ""]
    for name, head, rows in sections:
        out.append(name)
        widths = [max(len(c) for c in col) for col in zip(head, *rows, strict=False)]
        for row in (head, *rows):
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        out.append("")
    return "\n".join(out)
