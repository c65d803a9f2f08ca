"""The bounds on a user template's work: steps, time and the size of every value it builds.

A template is input, and a sandbox alone stops only reaching into Python: `{% for %}` nested
three deep over `range(100000)` never ends, and `'%0999999999d' % 1` or `'x'|center(999999999)`
allocate gigabytes in one operation, before the output limit (render/custom.py) sees a
character. So a render has a budget:

- steps: every loop iteration, call and filter counts one; past `MAX_STEPS` the render stops.
  Counting makes the bound the same on every machine (a plan template takes a few thousand).
- time: past `MAX_SECONDS` of wall-clock time it stops too. Checked every 1,024 steps (so it
  works in any thread and in batch's worker processes), and, in a process's main thread, also by
  a timer signal, which stops a single slow operation the step count cannot see.
- sizes: an operation that would build text longer than the output limit is refused before it
  runs: `*`, `+`, `%` and `~`; padding, width, precision and count arguments past the limit;
  `join`, `replace`, `indent`, `wordwrap` and `format`, whose result is predicted first.

Every refusal is a `SecurityError`, which render/custom.py reports at the template's line.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import signal
import string
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError

MAX_OUTPUT = 10 * 1024 * 1024  # characters one render may write, and the longest value it may build
MAX_STEPS = 2_000_000  # loop iterations, calls and filters in one render (about 1 s of work)
MAX_SECONDS = 20.0  # wall-clock time of one render
MAX_COUNT = 100_000  # `batch` and `slice` counts: as Jinja2's sandbox bounds `range`
MAX_INT_BITS = 100_000  # an integer result of `*` or `**` (about 30,000 digits)
STEP_FILTER = "_upskill_step"  # the filter every `{% for %}` iterates through (render/custom.py)

# Filters whose result is text built from their value: the value's printed size is checked first
_TEXT_FILTERS = "capitalize center e escape forceescape format indent lower pprint replace safe string striptags"
TEXT_FILTERS = frozenset(
    f"{_TEXT_FILTERS} title tojson trim truncate upper urlencode urlize wordcount wordwrap md url".split()
)


class TimeUp(Exception):
    """Raised in the render when its time is up (by the step count's clock or the timer signal)."""


class OutOfSteps(SecurityError):
    """Raised in the render past `MAX_STEPS`."""


class Budget:
    """One render's steps and deadline."""

    def __init__(self, steps: int, seconds: float) -> None:
        self.left = steps
        self.steps = steps
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def step(self) -> None:
        self.left -= 1
        if self.left & 1023 == 0:
            if self.left < 0:
                raise OutOfSteps(
                    f"the template took more than {self.steps:,} steps (loop rounds, calls and filters); loop over less"
                )
            if time.monotonic() > self.deadline:
                raise TimeUp()


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("upskill_template_budget", default=None)


def step() -> None:
    budget = _BUDGET.get()
    if budget is not None:  # None while Jinja2 folds constants at compile time
        budget.step()


@contextlib.contextmanager
def budgeted(steps: int | None = None, seconds: float | None = None) -> Iterator[Budget]:
    """A fresh budget for the render inside the `with` block, with the timer signal where it can be set."""
    seconds = MAX_SECONDS if seconds is None else seconds
    budget = Budget(MAX_STEPS if steps is None else steps, seconds)
    token = _BUDGET.set(budget)
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if timer:

        def time_up(signum: int, frame: Any) -> None:
            raise TimeUp()

        previous = signal.signal(signal.SIGALRM, time_up)
        signal.setitimer(signal.ITIMER_REAL, seconds + 0.5)  # the step count's clock usually says it first
    try:
        yield budget
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _BUDGET.reset(token)


# --- sizes ------------------------------------------------------------------------------------------


def printed_size(value: Any, limit: int = MAX_OUTPUT) -> int:
    """About `len(str(value))`, without building it; stops counting soon after `limit`.

    A list holding the same long string a thousand times is small in memory but not in print:
    shared parts are counted each time they are printed (once computed, by their id).
    """
    memo: dict[int, int] = {}

    def size(item: Any) -> int:
        if isinstance(item, str):
            return len(item)
        if isinstance(item, bool) or item is None:
            return 5
        if isinstance(item, int):
            return item.bit_length() // 3 + 2
        if isinstance(item, float):
            return 24
        if isinstance(item, list | tuple | set | frozenset | dict):
            key = id(item)
            if key in memo:
                return memo[key]
            memo[key] = 0  # a list holding itself prints as `[...]`
            total = 2
            for part in item.items() if isinstance(item, dict) else item:
                total += size(part) + 2
                if total > limit:
                    break
            memo[key] = total
            return total
        return 16  # an Undefined, a loop or a namespace: printed small

    return size(value)


def refuse_past_limit(size: int, what: str) -> None:
    if size > MAX_OUTPUT:
        raise SecurityError(f"{what} would build text past the output limit ({MAX_OUTPUT // (1024 * 1024)} MB)")


def check_count(value: Any, what: str, limit: int = MAX_OUTPUT) -> None:
    """An integer argument (a width, a padding, a count) past `limit` is refused before it is used."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > limit:
        raise SecurityError(f"{what} {value:,} is past the limit ({limit:,})")


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")


def check_percent_format(text: str) -> None:
    """`'%0999999999d' % 1`: widths and precisions of a %-format past the limit are refused, as is `*`."""
    for width, precision in _PERCENT.findall(text):
        for number in (width, precision):
            if number == "*":
                raise SecurityError("a `*` width or precision in a %-format is not allowed; write the number")
            if number:
                check_count(int(number), "a width or precision of")


def check_brace_format(text: str) -> None:
    """`'{:>999999999}'.format(1)`: widths and precisions in `{...}` fields past the limit are refused."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # `format` itself says what is wrong
    for _, _, spec, _ in fields:
        if not spec:
            continue
        if "{" in spec:
            raise SecurityError("a width taken from an argument ({:{}}) is not allowed; write the number")
        for number in re.findall(r"\d+", spec):
            check_count(int(number), "a width or precision of")


def check_binop(operator_name: str, left: Any, right: Any) -> None:
    """`*`, `**`, `+` and `%` are refused before they build a value past the limits."""
    if operator_name == "**":
        _check_power(left, right)
    elif operator_name == "*":
        _check_product(left, right)
    elif operator_name == "+":
        if not isinstance(left, int | float) or not isinstance(right, int | float):
            refuse_past_limit(printed_size(left) + printed_size(right), "this `+`")
    elif operator_name == "%" and isinstance(left, str):
        check_percent_format(left)
        refuse_past_limit(len(left) + printed_size(right), "this `%`")


def _check_power(left: Any, right: Any) -> None:
    if isinstance(right, int | float) and abs(right) > 64:
        raise SecurityError("an exponent above 64 is not allowed in a template")
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() * max(right, 0) > MAX_INT_BITS:
        raise SecurityError("a power with more than 30,000 digits is not allowed in a template")


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise SecurityError("a product with more than 30,000 digits is not allowed in a template")
        return
    for seq, count in ((left, right), (right, left)):
        if (
            isinstance(count, int)
            and not isinstance(seq, int | float)
            and printed_size(seq) * max(count, 0) > MAX_OUTPUT
        ):
            raise SecurityError("repeating a value past the output limit is not allowed")


# --- method calls -------------------------------------------------------------------------------------


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Before a call from a template: no integer argument past the limit, and the text methods that
    multiply their input (`replace`, `join`, `format`, `expandtabs`) predicted first."""
    for value in (*args, *kwargs.values()):
        check_count(value, "an argument of")
    target = getattr(obj, "__wrapped__", obj)  # the sandbox wraps `str.format` in its own function
    text = getattr(target, "__self__", None)
    if not isinstance(text, str):
        return
    name = getattr(target, "__name__", "")
    if name == "replace" and len(args) >= 2:
        check_replace(text, args[0], args[1])
    elif name == "join" and args:
        check_join(text, args[0])
    elif name in ("format", "format_map"):
        check_brace_format(text)
        refuse_past_limit(len(text) + printed_size(args) + printed_size(kwargs), f"this `{name}`")
    elif name == "expandtabs":
        width = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(width, int):
            refuse_past_limit(len(text) + text.count("\t") * width, "this `expandtabs`")


def check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        times = text.count(old) if old else len(text) + 1
        refuse_past_limit(len(text) + times * max(len(new) - len(old), 0), "this `replace`")


def check_join(separator: Any, items: Any) -> None:
    if isinstance(items, list | tuple):
        size = printed_size(items) + len(str(separator)) * len(items)
        refuse_past_limit(size, "this `join`")


# --- filters -----------------------------------------------------------------------------------------


def _check_filter(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Before the filter `name` runs on `args[0]` with the other arguments."""
    value, rest = (args[0] if args else None), (*args[1:], *kwargs.values())
    limit = MAX_COUNT if name in ("batch", "slice") else MAX_OUTPUT
    for arg in rest:
        check_count(arg, f"the `{name}` argument", limit)
    if name in TEXT_FILTERS and not isinstance(value, str):
        refuse_past_limit(printed_size(value), f"the `{name}` filter")
    if name == "join":
        separator = args[1] if len(args) > 1 else kwargs.get("d", "")
        check_join(separator, list(value) if isinstance(value, Iterable) and not isinstance(value, str) else ())
    elif name == "replace" and len(args) >= 3:
        check_replace(str(value), args[1], args[2])
    elif name == "format" and isinstance(value, str):
        check_percent_format(value)
        refuse_past_limit(len(value) + printed_size(rest), "the `format` filter")
    elif name == "indent" and isinstance(value, str):
        width = args[1] if len(args) > 1 else kwargs.get("width", 4)
        pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        refuse_past_limit(len(value) + (value.count("\n") + 1) * pad, "the `indent` filter")
    elif name == "wordwrap" and isinstance(value, str):
        width = args[1] if len(args) > 1 else kwargs.get("width", 79)
        wrap = args[3] if len(args) > 3 else kwargs.get("wrapstring") or "\n"
        lines = len(value) // max(width if isinstance(width, int) else 1, 1) + value.count("\n") + 1
        refuse_past_limit(len(value) + lines * len(str(wrap)), "the `wordwrap` filter")
    elif name == "tojson":
        check_count(args[1] if len(args) > 1 else kwargs.get("indent"), "a `tojson` indent of", 16)


def guarded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (a filter) counted as a step and checked by `_check_filter` first, with its pass_ marks kept."""
    # A context, eval context or environment comes before the value (`functools.wraps` copies the mark)
    shift = 0 if getattr(function, "jinja_pass_arg", None) is None else 1

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        step()
        _check_filter(name, args[shift:], kwargs)
        return function(*args, **kwargs)

    return guarded


@jinja2.pass_context  # never folded at compile time, where no budget is set
def step_through(context: jinja2.runtime.Context, iterable: Any) -> Iterator[Any]:
    """What every `{% for %}` iterates: the same items, each counted as a step."""
    budget = _BUDGET.get()
    for item in iterable:
        if budget is not None:
            budget.step()
        yield item


class CountingCodeGenerator(CodeGenerator):
    """Jinja2's compiler (its documented `code_generator_class` hook), with each loop round counted
    and each `~` checked before it joins."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, STEP_FILTER, [], [], None, None, lineno=loop.iter.lineno)
        super().visit_Template(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.checked_concat({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def checked_concat(join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
    step()
    refuse_past_limit(sum(printed_size(p) for p in parts), "this `~`")
    return join(parts)
