"""Your own templates (`--template FILE`): a plan rendered by a Jinja2 template the user wrote.

The template is input, not code we trust: it runs in a Jinja2 sandbox (no `__class__`,
`__globals__` or other internals; no `*` or `**` that would build a huge value), with
`StrictUndefined` (a misspelt name is an error, not an empty string), and its output stops at
`MAX_OUTPUT`. Every mistake is an `UpskillError` naming the template file and its line, raised
before anything is written. The output kind comes from the suffix before `.j2`: `note.md.j2`
writes Markdown, `page.html.j2` HTML (autoescaped), `mail.txt.j2` text. The template sees the
plan as the JSON output holds it (docs/json.md), each top-level key as a variable, and the
whole as `plan`.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from upskill.errors import Problem, TemplateBudgetError, UpskillError, UsageError
from upskill.render import common
from upskill.render import template_guard as guard
from upskill.render.escape import md, url

if TYPE_CHECKING:
    from upskill.model import Catalog, Plan
    from upskill.planning.team import Team

MAX_OUTPUT = guard.MAX_OUTPUT  # characters one render may write
# The suffix before `.j2` -> the kind of text the template writes, and its file extension
KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".txt": "text"}


class UserTemplate(NamedTuple):
    """A compiled user template: the file, what it writes, and the extension of its files."""

    path: str
    kind: str  # markdown | html | text
    suffix: str  # `.md`, `.html`, `.txt`: a batch names each employee's file with it
    template: jinja2.Template


class _Sandbox(SandboxedEnvironment):
    """The sandbox, bounded: steps, time and the size of each value (render/template_guard.py)."""

    intercepted_binops = frozenset(("*", "**", "+", "%"))
    code_generator_class = guard.CountingCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_printable, **options)
        self.globals.pop("lipsum", None)  # `lipsum(n=10**9)`: a toy that writes n paragraphs
        self.filters = {name: guard.guarded_filter(name, f) for name, f in self.filters.items()}
        self.filters[guard.STEP_FILTER] = guard.step_through

    def call_binop(self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any) -> Any:
        guard.check_binop(operator_name, left, right)
        return super().call_binop(context, operator_name, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        guard.step()
        guard.check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    checked_concat = staticmethod(guard.checked_concat)  # what `~` compiles to


def _printable(value: Any) -> Any:
    """Each `{{ value }}` before it is printed: a list that prints past the output limit is refused first."""
    if not isinstance(value, str):
        guard.refuse_past_limit(guard.printed_size(value), "printing this value")
    return value


def template_kind(path: str) -> tuple[str, str]:
    """(kind, suffix) from `NAME.EXT.j2`; a usage error for any other name."""
    name = Path(path)
    inner = Path(name.stem).suffix.lower()
    if name.suffix.lower() != ".j2" or inner not in KINDS:
        raise UsageError(
            Problem(
                f"--template {path}: name the file NAME.md.j2, NAME.html.j2 or NAME.txt.j2; "
                "the extension before .j2 says what it writes"
            )
        )
    return KINDS[inner], ".md" if inner == ".markdown" else ".html" if inner == ".htm" else inner


_SAID = {"markdown": "Markdown", "html": "HTML", "text": "plain text"}


def check_output(user: UserTemplate, output: str | None) -> None:
    """Exit 2 when `-o`'s extension names another kind of file than the template writes.

    Markdown written into `x.html` is read by a browser as HTML, unescaped: a name in the plan
    would become live markup. A file with no extension (or standard output) takes any kind.
    """
    if not output or output == "-":
        return
    suffix = Path(output).suffix.lower()
    if not suffix or KINDS.get(suffix) == user.kind:
        return
    kind = KINDS.get(suffix)
    names = {"markdown": "a Markdown file", "html": "an HTML file", "text": "a text file"}
    named = names.get(kind or "", f"a {suffix} file")
    fix = f", or use a NAME{suffix}.j2 template" if kind else ""
    if kind == "html":
        fix += " (HTML templates are autoescaped)"
    raise UsageError(
        Problem(
            f"--template {Path(user.path).name} writes {_SAID[user.kind]} ({user.suffix}), but -o {output} names "
            f"{named}: name the output {user.suffix}{fix}"
        )
    )


def load_template(path: str) -> UserTemplate:
    """Read and compile the template at `path` once; a located error for a syntax mistake."""
    kind, suffix = template_kind(path)
    file = Path(path)
    if not file.is_file():
        raise UsageError(Problem(f"--template {path}: no such file"))
    env = _Sandbox(
        loader=_FolderLoader(str(file.parent)),  # `{% include %}` of a real file beside it, nothing else
        undefined=jinja2.StrictUndefined,
        autoescape=kind == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(
        {
            n: guard.guarded_filter(n, f)
            for n, f in (("md", md), ("url", url), ("hours", common.hours), ("about", common.about))
        }
    )
    try:
        template = env.get_template(file.name)
    except _Refused as exc:
        raise UpskillError(Problem(str(exc), file=path)) from None
    except jinja2.TemplateSyntaxError as exc:
        raise UpskillError(
            Problem(f"template syntax error: {exc.message}", file=exc.filename or path, line=exc.lineno)
        ) from None
    except UnicodeDecodeError:
        raise UpskillError(Problem("the template is not UTF-8 text; save it as UTF-8", file=path)) from None
    except OSError as exc:
        raise UpskillError(Problem(f"cannot read the template: {exc.strerror or exc}", file=path)) from None
    return UserTemplate(path, kind, suffix, template)


def render_template(user: UserTemplate, plan: Plan, catalog: Catalog) -> str:
    """The plan through `user`'s template: the whole text, or an `UpskillError` at the template's line."""
    from upskill.render.json import plan_to_dict

    data = plan_to_dict(plan, catalog)
    return _render(user, {**data, "plan": data})


def render_team_template(user: UserTemplate, team: Team) -> str:
    """The team report through `user`'s template: it sees the fields of the team JSON (docs/json.md)."""
    import json

    from upskill.render.team import render_team

    data = json.loads(render_team(team, "json"))  # exactly what `--format json` holds, nothing more
    return _render(user, {**data, "team": data})


def _render(user: UserTemplate, context: dict[str, Any]) -> str:
    """The whole text, within the budget of steps and seconds (render/template_guard.py)."""
    steps, seconds = guard.MAX_STEPS, guard.MAX_SECONDS  # read at each render: a test may lower them
    chunks: list[str] = []
    size = 0
    try:
        with guard.budgeted(steps, seconds):
            for chunk in user.template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise UpskillError(
                        Problem(f"the template wrote more than {MAX_OUTPUT // (1024 * 1024)} MB; nothing was written")
                    )
                chunks.append(chunk)
    except UpskillError as exc:
        raise UpskillError(exc.problems[0]._replace(file=user.path)) from None
    except RecursionError:
        raise UpskillError(Problem("the template recurses too deeply", file=user.path)) from None
    except guard.TimeUp as exc:
        problem = _located(exc, user)
        raise TemplateBudgetError(
            problem._replace(message=f"the template ran for more than {seconds:g} s; stopped (loop over less)")
        ) from None
    except guard.OutOfSteps as exc:
        raise TemplateBudgetError(_located(exc, user)) from None
    except MemoryError:  # a safety net: each operation's size is checked before it runs
        raise UpskillError(Problem("the template needs more memory than there is", file=user.path)) from None
    except Exception as exc:  # any mistake in the template: a misspelt name, a refused attribute, a bad filter
        raise UpskillError(_located(exc, user)) from None
    return "".join(chunks)


def _located(exc: Exception, user: UserTemplate) -> Problem:
    """The template's file and line where `exc` happened (Jinja2 puts template lines in the traceback)."""
    file, line = user.path, None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            file = user.path if frame.filename == user.template.filename else frame.filename
            line = frame.lineno
    if isinstance(exc, jinja2.UndefinedError):
        message = f"{exc.message}; the template sees the fields of the JSON output (docs/json.md)"
    elif isinstance(exc, _Refused):
        message = str(exc)
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        message = f"not allowed in a template: {exc}"
    else:
        message = f"template error: {exc}" if str(exc) else f"template error: {type(exc).__name__}"
    return Problem(message, file=file, line=line)


class _Refused(jinja2.TemplateNotFound):
    """An `{% include %}`, `{% import %}` or `{% extends %}` of a file the template may not read."""

    def __init__(self, name: str, why: str) -> None:
        super().__init__(name, f"cannot include '{name}': {why}")

    def __str__(self) -> str:
        return str(self.message)


class _FolderLoader(jinja2.BaseLoader):
    """Templates from one folder: real files inside it, by relative names without `..`.

    Jinja2's FileSystemLoader follows symbolic links, so a checkout holding `key.txt ->
    ~/.ssh/id_rsa` and a template including it would copy the key into a plan. Here a name is
    resolved (every link followed) and must still be a regular file inside the folder.
    """

    def __init__(self, folder: str) -> None:
        self.folder = os.path.realpath(folder)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = template.replace("\\", "/").split("/")
        if template.startswith(("/", "\\")) or os.path.isabs(template) or ":" in pieces[0]:
            raise _Refused(template, "name a file beside the template, not an absolute path")
        if ".." in pieces:
            raise _Refused(template, "`..` is not allowed; keep included files in the template's folder")
        path = os.path.realpath(os.path.join(self.folder, *pieces))
        if os.path.commonpath((path, self.folder)) != self.folder:
            raise _Refused(template, "it is a link to a file outside the template's folder; copy the file in instead")
        if not os.path.isfile(path):
            raise _Refused(template, "no such file in the template's folder")
        try:
            with open(path, "rb") as stream:  # the resolved path: no link is followed after the check
                data = stream.read(MAX_OUTPUT + 1)
        except OSError as exc:
            raise _Refused(template, f"cannot read it ({exc.strerror or exc})") from None
        if len(data) > MAX_OUTPUT:
            raise _Refused(template, f"it is larger than {MAX_OUTPUT // (1024 * 1024)} MB")
        return data.decode("utf-8"), path, lambda: True
