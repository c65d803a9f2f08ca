"""The plan as rich tables for a terminal: gaps with bars, the plan by week, the summary."""

from __future__ import annotations

from typing import IO

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from upskill.model import Catalog, Plan, Scale
from upskill.render import common


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich exits 1 here; the CLI treats a reader leaving early (`| head`) the same for every format.
        self.quiet = True
        raise BrokenPipeError


def make_console(file: IO[str] | None = None, color: bool | None = None, width: int | None = None) -> Console:
    """One console for all output: markup, emoji and highlighting off, so user data prints literally.

    `color` None lets rich decide (a terminal, and NO_COLOR unset); True forces colour even into a pipe;
    False means no escape codes at all, not even bold.
    """
    # None leaves NO_COLOR to rich (the progress bar on stderr relies on it); no_color alone still emits
    # bold and dim codes: with colour off, emit no escape codes at all.
    return _Console(file=file, no_color=None if color is None else not color, force_terminal=True if color else None,
                   color_system=None if color is False else "auto",
                   markup=False, emoji=False, highlight=False, width=width)


def level_bar(current: int, target: int, scale: Scale) -> Text:
    """`██▓▓░`: held levels, the gap to close, and the rest of the scale."""
    bar = Text()
    bar.append("█" * current, style="green")
    bar.append("▓" * max(0, target - current), style="yellow")
    bar.append("░" * max(0, scale.max_level - max(current, target)), style="bright_black")
    return bar


def render_table_text(plan: Plan, catalog: Catalog | None = None, *, explain: bool = False, width: int = 120,
                      color: bool = False) -> str:
    """The terminal table as text (for `-o plan.txt` and `render_plan`): `width` columns, colour only if asked."""
    import io

    buffer = io.StringIO()
    render_table(plan, make_console(file=buffer, color=color, width=width), explain=explain)
    return buffer.getvalue()


def render_table(plan: Plan, console: Console, *, explain: bool = False) -> None:
    """Print the plan to `console`."""
    employee, summary, scale = plan.employee, plan.summary, plan.scale
    console.print(Text.assemble(("Learning plan: ", "bold"), (f"{employee.name} ({employee.id})", "bold cyan"),
                                " → ", (plan.role.name, "bold")))
    facts = f"{common.hours(summary.hours_per_week)} h/week from {summary.start}"
    if summary.deadline:
        facts += f" · deadline {summary.deadline}"
    console.print(Text(facts, style="dim"))

    gaps = Table(title="Gaps", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    gaps.add_column("Skill", min_width=12)
    gaps.add_column("Current → target", min_width=12)
    gaps.add_column("Levels", no_wrap=True)
    gaps.add_column("Priority", justify="right")
    gaps.add_column("Why")
    for g in plan.gaps:
        gaps.add_row(g.name, f"{scale.name(g.current)} → {scale.name(g.target)}",
                     level_bar(g.current, g.target, scale), f"{g.priority:.2f}", g.reason)
    if plan.gaps:
        console.print(gaps)
    else:
        console.print(Text(f"No gaps: {employee.name} already meets every requirement of {plan.role.name}.",
                           style="green"))
    if explain and plan.gaps:
        # A table of its own, so --explain still fits an 80-column terminal without ellipses.
        w = plan.weights
        terms = Table(title="How the priorities were computed", title_justify="left", box=box.SIMPLE_HEAD,
                      pad_edge=False, caption=f"priority = weight × ({w.gap:g} × gap + {w.demand:g} × demand + "
                      f"{w.unlocks:g} × unlocks)", caption_justify="left")
        terms.add_column("Skill", min_width=12)
        for name in ("Gap term", "Demand term", "Unlocks term", "Weight", "Priority"):
            terms.add_column(name, justify="right")
        for g in plan.gaps:
            terms.add_row(g.name, f"{g.gap_term:.2f}", f"{g.demand_term:.2f}", f"{g.unlocks_term:.2f}",
                          f"{g.weight:g}", f"{g.priority:.2f}")
        console.print(terms)

    if plan.steps:
        steps = Table(title="Plan by week", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                      show_lines=False)
        steps.add_column("#", justify="right")
        # Weeks and dates share a column and the skill is capped, so the activities keep room to wrap
        # in an 80-column terminal (a column squeezed below its content's width crops words).
        steps.add_column("Weeks", no_wrap=True)
        steps.add_column("Skill", max_width=22)
        steps.add_column("Hours", justify="right", no_wrap=True)
        steps.add_column("Activities", ratio=1)
        for s in plan.steps:
            activities = [Text.assemble(f"• {a.title} ", (f"({common.activity_line(a)})", "dim"))
                          for a in s.activities]
            if s.uncovered:
                activities.append(Text(f"• needs a resource for {scale.name(s.uncovered[0])} → "
                                       f"{scale.name(s.uncovered[1])} (placeholder estimate)", style="yellow"))
            skill = Text(f"{s.name}\n{scale.name(s.from_level)} → {scale.name(s.to_level)}")
            if s.late:
                skill.append("\n⚠ after deadline", style="bold red")
            steps.add_row(str(s.number), f"{s.first_week}–{s.last_week}\n{s.start}\n{s.end}", skill,
                          f"~{common.hours(s.hours)}", Group(*activities))
        console.print(steps)

    lines = [Text.assemble(("Total ", "bold"), f"~{common.hours(summary.total_hours)} h over {summary.weeks} weeks "
                           "(hours are estimates)")]
    if summary.completion:
        lines.append(Text.assemble(("Completion ", "bold"), str(summary.completion)))
    if summary.deadline:
        late = summary.late_steps
        status = (Text(f"{late} step{'' if late == 1 else 's'} cannot finish by {summary.deadline}", style="bold red")
                  if late else Text(f"on track for {summary.deadline}", style="green"))
        lines.append(Text.assemble(("Deadline ", "bold"), status))
    for bridge in common.bridges(plan):
        lines.append(Text(f"⚠ {bridge.text}", style="red"))
    pace = common.pace_advice(plan)
    if pace:
        lines.append(Text(pace))
    console.print()
    for line in lines:
        console.print(line)
