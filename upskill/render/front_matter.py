"""YAML front matter for a Markdown plan that a static site builds (`upskill plan --front-matter`).

Jekyll, Hugo and MkDocs read a block between two `---` lines at the very start of the file (no
byte-order mark before it). Every string is written as a JSON string, which is also a YAML
double-quoted scalar: a name holding `: `, `#`, quotes or a leading `-` stays one value, and
nothing a name holds can open a new key. The date is the day the plan is made (`--as-of`, which
defaults to today or SOURCE_DATE_EPOCH's day), never the clock's "now", so the same inputs give
the same file; static site generators skip pages dated in the future, which the plan's first day
(the Monday after) would be. A plan built without it (the API) is dated by its first day.
"""

from __future__ import annotations

import json
import re

from upskill.model import Plan

# What JSON leaves raw and YAML refuses or reads otherwise, written as \uXXXX (YAML reads that escape
# too): the line breaks U+0085, U+2028 and U+2029 (a value would span lines), the byte-order mark,
# and every character outside YAML's printable set (YAML 1.1/1.2 section 5.1: DEL, the C1 controls
# U+0080-U+009F, surrogates, U+FFFE and U+FFFF), which PyYAML, Jekyll and Hugo reject.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def _quoted(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def front_matter_lines(plan: Plan) -> list[str]:
    """The block, fences included: title, date, employee id, target role and tags."""
    employee, role = plan.employee, plan.role
    tags = ["learning-plan", role.id, *dict.fromkeys(s.skill for s in plan.steps)]
    return [
        "---",
        f"title: {_quoted(f'Learning plan: {employee.title}')}",
        f"date: {(plan.summary.as_of or plan.summary.start).isoformat()}",
        f"employee: {_quoted(employee.id)}",
        f"target_role: {_quoted(role.id)}",
        f"target_role_name: {_quoted(role.name)}",
        f"tags: [{', '.join(_quoted(t) for t in tags)}]",
        "---",
        "",
    ]
