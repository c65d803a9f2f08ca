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

import operator
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from upskill.errors import Problem, UpskillError, UsageError
from upskill.render import common
from upskill.render.escape import md, url

if TYPE_CHECKING:
    from upskill.model import Catalog, Plan
    from upskill.planning.team import Team

MAX_OUTPUT = 10 * 1024 * 1024  # characters one render may write
# The suffix before `.j2` -> the kind of text the template writes, and its file extension
KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".txt": "text"}


class UserTemplate(NamedTuple):
    """A compiled user template: the file, what it writes, and the extension of its files."""

    path: str
    kind: str  # markdown | html | text
    suffix: str  # `.md`, `.html`, `.txt`: a batch names each employee's file with it
    template: jinja2.Template


class _Sandbox(SandboxedEnvironment):
    """The sandbox, also refusing `*` and `**` that would build a value past the output limit."""

    intercepted_binops = frozenset(("*", "**"))

    def call_binop(self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > 64:
                raise jinja2.exceptions.SecurityError("an exponent above 64 is not allowed in a template")
            return operator.pow(left, right)
        sizes = [len(v) for v in (left, right) if isinstance(v, str | list | tuple)]
        counts = [v for v in (left, right) if isinstance(v, int)]
        if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_OUTPUT:
            raise jinja2.exceptions.SecurityError("repeating a value past the output limit is not allowed")
        return operator.mul(left, right)


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


def load_template(path: str) -> UserTemplate:
    """Read and compile the template at `path` once; a located error for a syntax mistake."""
    kind, suffix = template_kind(path)
    file = Path(path)
    if not file.is_file():
        raise UsageError(Problem(f"--template {path}: no such file"))
    env = _Sandbox(
        loader=jinja2.FileSystemLoader(str(file.parent)),  # `{% include %}` of a file beside it, no `..`
        undefined=jinja2.StrictUndefined,
        autoescape=kind == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update({"md": md, "url": url, "hours": common.hours, "about": common.about})
    try:
        template = env.get_template(file.name)
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
    chunks: list[str] = []
    size = 0
    try:
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
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        message = f"not allowed in a template: {exc}"
    else:
        message = f"template error: {exc}" if str(exc) else f"template error: {type(exc).__name__}"
    return Problem(message, file=file, line=line)
