"""YAML front matter for a Markdown plan that a static site builds (`upskill plan --front-matter`).

Jekyll, Hugo and MkDocs read a block between two `---` lines at the very start of the file (no
byte-order mark before it). Every string is written as a JSON string, which is also a YAML
double-quoted scalar: a name holding `: `, `#`, quotes or a leading `-` stays one value, and
nothing a name holds can open a new key. The date is the plan's first day, never "now", so the
same inputs give the same file.
"""

from __future__ import annotations

import json

from upskill.model import Plan

# Line breaks to YAML that JSON leaves alone: escaped, so a value never spans lines
_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029", "\ufeff": "\\ufeff"})


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).translate(_BREAKS)


def front_matter_lines(plan: Plan) -> list[str]:
    """The block, fences included: title, date, employee id, target role and tags."""
    employee, role = plan.employee, plan.role
    tags = ["learning-plan", role.id, *dict.fromkeys(s.skill for s in plan.steps)]
    return [
        "---",
        f"title: {_quoted(f'Learning plan: {employee.name} ({employee.id})')}",
        f"date: {plan.summary.start.isoformat()}",
        f"employee: {_quoted(employee.id)}",
        f"target_role: {_quoted(role.id)}",
        f"target_role_name: {_quoted(role.name)}",
        f"tags: [{', '.join(_quoted(t) for t in tags)}]",
        "---",
        "",
    ]
