"""Everything that prints with rich: the plan as tables, the team report, and a batch's progress bar.

Imported only by what prints to a terminal (or `--format table`): rich costs start-up time
that `upskill plan --format markdown` does not pay (tests/test_cli.py).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len  # a CJK character takes two cells
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Span, Text

from upskill.model import NOT_ASSESSED, Catalog, Plan, Planning, Scale
from upskill.render import common
from upskill.render.ask import placed_when, weekly_ask
from upskill.render.escape import visible
from upskill.render.roster_words import group_reasons, mentor_line, session_words

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class _Console(Console):
    """A console whose text from input files cannot drive the terminal: control characters print escaped.

    rich writes a Text's characters as they are (it drops only BEL, BS, VT, FF and CR), so a name
    holding `ESC[2J` cleared the screen. Every string is escaped before rich measures it
    (`render_str`), every Text before it is laid out (`render`), and as a last guard every
    segment of text on its way out; control segments (rich's own cursor moves) pass.
    """

    def on_broken_pipe(self) -> None:
        # rich exits 1 here; the CLI treats a reader leaving early (`| head`) the same for every format.
        self.quiet = True
        raise BrokenPipeError

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(visible(text), **kwargs)

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        if isinstance(renderable, Text) and not renderable.plain.isprintable():
            renderable = _visible_text(renderable)
        for segment in super().render(renderable, options):
            text = segment.text
            if segment.control or text.isprintable() or text == "\n":
                yield segment
            else:
                yield Segment(visible(text), segment.style)


def _visible_text(text: Text) -> Text:
    """`text` with its control characters escaped (`visible`), its styles kept on the same characters."""
    plain = text.plain
    if all(ch.isprintable() or ch == "\n" for ch in plain):
        return text
    shown, ends = [], [0]  # ends[i]: where character i of `plain` starts in the escaped text
    for ch in plain:
        piece = ch if ch.isprintable() or ch == "\n" else visible(ch)
        shown.append(piece)
        ends.append(ends[-1] + len(piece))
    escaped = text.copy()
    escaped.plain = "".join(shown)
    escaped.spans = [Span(ends[span.start], ends[span.end], span.style) for span in text.spans]
    return escaped


def make_console(
    file: IO[str] | None = None, color: bool | None = None, width: int | None = None, terminal: bool = False
) -> Console:
    """One console for all output: markup, emoji and highlighting off, so user data prints literally.

    `color` None lets rich decide (a terminal, and NO_COLOR unset); True forces colour even into a pipe;
    False means no escape codes at all, not even bold. `terminal`: `file` stands for the terminal
    (text for a pager), so `color` None decides as it would for the terminal itself.
    """
    # None leaves NO_COLOR to rich (the progress bar on stderr relies on it); no_color alone still emits
    # bold and dim codes: with colour off, emit no escape codes at all.
    return _Console(
        file=file,
        no_color=None if color is None else not color,
        force_terminal=True if color or terminal else None,
        color_system=None if color is False else "auto",
        markup=False,
        emoji=False,
        highlight=False,
        width=width,
    )


def level_bar(current: int, target: int, scale: Scale) -> Text:
    """`██▓▓░`: held levels, the gap to close, and the rest of the scale."""
    bar = Text()
    bar.append("█" * current, style="green")
    bar.append("▓" * max(0, target - current), style="yellow")
    bar.append("░" * max(0, scale.max_level - max(current, target)), style="bright_black")
    return bar


def render_table_text(
    plan: Plan, catalog: Catalog | None = None, *, explain: bool = False, width: int = 120, color: bool = False
) -> str:
    """The terminal table as text (for `-o plan.txt` and `render_plan`): `width` columns, colour only if asked."""
    import io

    buffer = io.StringIO()
    render_table(plan, make_console(file=buffer, color=color, width=width), catalog, explain=explain)
    return buffer.getvalue()


def render_table(plan: Plan, console: Console, catalog: Catalog | None = None, *, explain: bool = False) -> None:
    """Print the plan to `console`; `catalog` gives the planning settings (the defaults without one)."""
    planning = catalog.planning if catalog is not None else Planning()
    employee, summary = plan.employee, plan.summary
    console.print(
        Text.assemble(
            ("Learning plan: ", "bold"),
            (employee.title, "bold cyan"),
            " → ",
            (plan.role.name, "bold"),
        )
    )
    facts = f"{common.hours(summary.hours_per_week)} h/week from {summary.start}"
    if summary.deadline:
        facts += f" · deadline {summary.deadline}"
    console.print(Text(facts, style="dim"))
    if plan.gaps:
        console.print(_gaps_table(plan))
    else:
        console.print(
            Text(f"No gaps: {employee.name} already meets every requirement of {plan.role.name}.", style="green")
        )
    if explain and plan.gaps:
        console.print(_priorities_table(plan))
    if plan.steps:
        console.print(_steps_table(plan, planning.experience_share))
    if explain and (reasons := group_reasons(plan)):
        console.print(Text("In a group or on your own", style="bold"))
        for reason in reasons:
            console.print(Text(f"  {reason}"))
    console.print()
    for line in _summary_lines(plan, planning, catalog):
        console.print(line)


def _gaps_table(plan: Plan) -> Table:
    scale = plan.scale
    gaps = Table(title="Gaps", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    gaps.add_column("Skill", min_width=12)
    gaps.add_column("Current → target", min_width=12)
    gaps.add_column("Levels", no_wrap=True)
    gaps.add_column("Priority", justify="right")
    gaps.add_column("Why")
    for g in plan.gaps:
        now = scale.name(g.current) if g.assessed else f"not assessed ({g.current})"
        flags = [f for f in g.flags if f != NOT_ASSESSED]
        gaps.add_row(
            g.name,
            f"{now} → {scale.name(g.target)}" + (f" ({'; '.join(flags)})" if flags else ""),
            level_bar(g.current, g.target, scale),
            f"{g.priority:.2f}",
            g.reason,
        )
    return gaps


def _priorities_table(plan: Plan) -> Table:
    """--explain: the terms of each priority, in a table of its own, so it still fits an 80-column
    terminal without ellipses."""
    w = plan.weights
    terms = Table(
        title="How the priorities were computed",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=f"priority = {w.gap:g} × weight × gap + {w.demand:g} × demand + {w.unlocks:g} × unlocks",
        caption_justify="left",
    )
    terms.add_column("Skill", min_width=12)
    for name in ("Gap term", "Demand term", "Unlocks term", "Weight", "Priority"):
        terms.add_column(name, justify="right")
    for g in plan.gaps:
        terms.add_row(
            g.name,
            f"{g.gap_term:.2f}",
            f"{g.demand_term:.2f}",
            f"{g.unlocks_term:.2f}",
            f"{g.weight:g}",
            f"{g.priority:.2f}",
        )
    return terms


def _steps_table(plan: Plan, share: float) -> Table:
    scale = plan.scale
    steps = Table(title="Plan by week", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, show_lines=False)
    steps.add_column("#", justify="right")
    # Weeks and dates share a column and the skill is capped, so the activities keep room to wrap
    # in an 80-column terminal (a column squeezed below its content's width crops words).
    steps.add_column("Weeks", no_wrap=True)
    steps.add_column("Skill", max_width=22)
    steps.add_column("Hours", justify="right", no_wrap=True)
    steps.add_column("Activities", ratio=1)
    for s in plan.steps:
        activities = [
            Text.assemble(
                f"• {p.resource.title} ",
                (f"({common.activity_line(p.resource, share=share)}; {placed_when(p)}{session_words(p)})", "dim"),
            )
            for p in s.placed
        ]
        if s.uncovered:
            activities.append(
                Text(
                    f"• needs a resource for {scale.name(s.uncovered[0])} → "
                    f"{scale.name(s.uncovered[1])} (placeholder estimate)",
                    style="yellow",
                )
            )
        if mentor_line(s):  # a roster scheduled together
            activities.append(Text(mentor_line(s)))
        activities.append(Text(f"Done when: {s.done_when}", style="italic"))
        hours = f"~{common.about(s.hours)}" + (
            f"\nof {common.about(s.activity_hours)}" if s.activity_hours > s.hours else ""
        )
        start = scale.name(s.from_level) if s.assessed else "not assessed"
        skill = Text(f"{s.name}\n{start} → {scale.name(s.to_level)}")
        if s.late:
            skill.append("\n⚠ after deadline", style="bold red")
        steps.add_row(
            str(s.number),
            f"{s.first_week}–{s.last_week}\n{s.start}\n{s.end}\ntrack {s.track}",
            skill,
            hours,
            Group(*activities),
        )
    return steps


def _summary_lines(plan: Plan, planning: Planning, catalog: Catalog | None = None) -> list[Text | Table]:
    summary = plan.summary
    lines: list[Text | Table] = [
        Text.assemble(
            ("Learning time ", "bold"),
            f"~{common.about(summary.total_hours)} h over {summary.weeks} weeks, "
            f"{common.side_by_side(summary.parallel)} (hours are estimates)",
        )
    ]
    lines += [Text(line) for line in weekly_ask(plan)]
    if summary.activity_hours:
        lines.append(Text(common.mix_line(summary, planning), style="dim"))
    if summary.completion:
        lines.append(Text.assemble(("Completion ", "bold"), str(summary.completion)))
    if summary.deadline:
        status = (
            Text(f"{summary.deadline}: {common.deadline_status(plan)}", style="bold red")
            if summary.late_steps or summary.late_next_cycle
            else Text(f"on track for {summary.deadline}", style="green")
        )
        lines.append(Text.assemble(("Deadline ", "bold"), status))
    if plan.met:
        names = common.met_names(plan, catalog) if catalog is not None else list(plan.met)
        lines.append(Text.assemble(("Already at target ", "bold"), ", ".join(names)))
    if plan.not_planned:
        lines.append(
            Text.assemble(
                ("Not planned now, to keep the plan to the most important gaps ", "bold"), common.not_planned_line(plan)
            )
        )
    if plan.checkins:
        lines.append(Text("Check-ins", style="bold"))
        # A grid, so a long line wraps under its own text, not under the date.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for checkin, line in zip(plan.checkins, common.checkin_lines(plan), strict=True):
            when, _, what = line.partition(": ")
            grid.add_row(f"  {when}", what)
            for item in common.agenda_lines(checkin):
                grid.add_row("", f"· {item}")
        lines.append(grid)
    for warning in plan.warnings:
        lines.append(Text(f"⚠ {warning}", style="yellow"))
    for bridge in plan.bridges:
        lines.append(Text(f"⚠ {common.bridge_line(plan, bridge)}", style="red"))
    pace = common.pace_advice(plan)
    if pace:
        lines.append(Text(pace))
    return lines


# --- the team report ----------------------------------------------------------------------------------


def _item(console: Console, text: str, style: str = "", depth: int = 0) -> None:
    """A bullet (depth 0) or a detail line under it, its wrapped lines indented under its first."""
    if depth:
        console.print(Padding(Text(text, style=style), (0, 0, 0, 2), expand=False))
        return
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("•", Text(text, style=style))
    console.print(grid)


def _pack_lines(entries: Sequence[str], width: int, gap: str = "  ") -> list[str]:
    """Entries joined by `gap` into lines of at most `width` terminal cells, never breaking inside
    an entry (unless one alone is wider): `12 Problem-solving` stays on one line."""
    lines: list[str] = []
    for entry in entries:
        if lines and cell_len(lines[-1]) + cell_len(gap) + cell_len(entry) <= width:
            lines[-1] += gap + entry
        else:
            lines.append(entry)
    return lines


# --- the progress bar of a batch (batch/progress.py's StderrReporter) -------------------------------


def progress_bar(description: str, noun: str, total: int | None) -> tuple[Progress, TaskID]:
    """A started bar on stderr and its task; it refreshes only when asked (no refresh thread)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # a batch only

    console = make_console(file=sys.stderr)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(noun),
        TimeElapsedColumn(),
        console=console,
        auto_refresh=False,
        transient=True,
    )
    progress.start()
    return progress, progress.add_task(description, total=total)


def print_above_bar(progress: Progress, line: str) -> None:
    """Print one line of text (taken literally) above the bar."""
    progress.console.print(Text(line), soft_wrap=True)
