"""index.md / index.html: one line per plan a batch wrote, linking to it, sorted by employee id."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from upskill.render import common
from upskill.render.escape import link, md, md_text
from upskill.render.jinja import html_template, markdown_template, squeeze_stream

if TYPE_CHECKING:
    from upskill.planning.members import Member
    from upskill.planning.team import Team


def _deadline(member: Member) -> str:
    if not member.deadline:
        return ""
    if member.late_steps:
        return f"{member.deadline} ⚠ {member.late_steps} step{'s' if member.late_steps != 1 else ''} late"
    return f"{member.deadline} on track"


ANOTHER_ROLE = "another role"  # an anonymized index's target role when naming it would say whose row it is


def _rare_roles(members: Sequence[Member], team: Team) -> set[str]:
    """Anonymized, the target roles the index does not name: those fewer than K people share.

    A pseudonym beside a role one person holds is no pseudonym. Such roles are all shown as
    "another role"; and when those hold fewer than K people together, the next smallest role
    too (`hidden_rows`, as for groups), or "another role" would point at them as well.
    """
    if not team.settings.anonymize:
        return set()
    from upskill.planning.team import hidden_rows

    return hidden_rows(Counter(m.target_role for m in members), max(1, team.settings.min_group))


def _rows(
    members: Sequence[Member], plan_file: Callable[[str], str], team: Team, unnamed: set[str]
) -> Iterator[dict[str, Any]]:
    settings = team.settings
    # Anonymized: the pseudonym (which names the plan file too), no name, no current role; and sorted
    # by pseudonym, as an order by real id would say whose row is whose to anyone with the list of ids.
    ids = [settings.shown_id(m.id) for m in members] if settings.anonymize else [m.id for m in members]
    order = sorted(range(len(members)), key=lambda i: (ids[i].casefold(), ids[i]))
    for i in order:
        m = members[i]
        name, role = ("", "") if settings.anonymize else (m.name, m.role)
        yield {
            "id": ids[i],
            "name": name,
            "role": role,
            "file": link(plan_file(ids[i])),
            "target": ANOTHER_ROLE if m.target_role in unnamed else team.role_names.get(m.target_role, m.target_role),
            "gaps": m.gaps,
            "hours": common.about(m.total_hours),
            "weeks": m.weeks,
            "completion": m.completion,
            "deadline": _deadline(m),
            "late": m.late_steps,
        }


def _markdown_rows(
    members: Sequence[Member], plan_file: Callable[[str], str], team: Team, unnamed: set[str]
) -> Iterator[str]:
    # Rows are built here rather than in the template: for a large batch this is several times faster.
    anonymized = team.settings.anonymize  # no Name and Current role columns: the pseudonym is all there is
    for r in _rows(members, plan_file, team, unnamed):
        who = "" if anonymized else f"{md(r['name'])} | {md_text(r['role'])} | "
        yield (
            f"| [{md(r['id'])}]({r['file']}) | {who}{md_text(r['target'])} | "
            f"{r['gaps']} | ~{r['hours']} | {r['weeks']} | {r['completion']} | {r['deadline']} |\n"
        )


def index_chunks(
    members: Sequence[Member],
    failures: Sequence[tuple[str, str]],
    *,
    start: date,
    formats: Sequence[str],
    fmt: str,
    plan_file: Callable[[str], str],
    team: Team,
) -> Iterator[str]:
    """The index as text chunks (streamed to the file: a large batch's index is never held whole).

    `plan_file` names the file of the plan the index links to, from the id every output shows.
    """
    unnamed = _rare_roles(members, team)
    context = {
        "another_role": bool(unnamed),
        "k": team.settings.min_group,
        "count": len(members),
        "start": start.isoformat(),
        "failures": failures,
        "team_file": "team.html" if fmt == "html" else "team.md",
        "formats": formats,
        "anonymized": team.settings.anonymize,
    }
    if fmt == "html":
        context["rows"] = _rows(members, plan_file, team, unnamed)
        yield from html_template("index.html.j2").generate(context)
        return
    context["rows"] = _markdown_rows(members, plan_file, team, unnamed)
    yield from squeeze_stream(markdown_template("index.md.j2").generate(context))
