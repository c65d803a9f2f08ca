"""Helpers the tests share (constants, input builders, the fuzz contract), imported as `tests.helpers`;
fixtures live in conftest.py, which pytest loads by itself and nobody imports."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings

from upskill.planning.members import Member, SkillIndex, pack_levels, pack_steps

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CATALOG_DIR = ROOT / "catalog"
START = "2026-11-23"  # a Monday: every test that looks at dates starts here


# UPSKILL_FUZZ_SCALE=20 multiplies the examples for a long hunt on a developer machine.
SCALE = max(1, int(os.environ.get("UPSKILL_FUZZ_SCALE", "1") or 1))
FUZZ = settings(
    max_examples=200 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Each run of these re-parses the whole bundled catalog (~60 ms), so they get fewer examples to keep
# the suite fast; the cheap profile fuzzers run the full 200.
FUZZ_CATALOG = settings(FUZZ, max_examples=150 * SCALE)
FUZZ_VALIDATE = settings(FUZZ, max_examples=100 * SCALE)


def check(result):
    """The one contract: a clean exit, no stray exception, no traceback, one line per problem."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr[-2000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 1:
        for line in result.stderr.splitlines():
            assert line.startswith("upskill: "), line
    return result


def changed(record: Any, **changes: Any) -> Any:
    """A copy of a model record with some fields changed: `_replace` for the NamedTuples of
    upskill.model, `dataclasses.replace` should a record be a dataclass."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.replace(record, **changes)
    return record._replace(**changes)


def write_file(folder: Path, name: str, text: str | bytes) -> Path:
    """Write `text` (or bytes) to `folder/name` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def profile_text(
    skills: Mapping[str, Any] | None = None,
    *,
    target_role: str | None = "ai-content-strategist",
    employee_id: str = "E1",
    name: str = "Test Person",
    hours_per_week: float | None = None,
    deadline: str | None = None,
    targets: Mapping[str, Any] | None = None,
    **employee: Any,
) -> str:
    """A profile as YAML text. Level values are written as given (numbers or level names)."""
    emp: dict[str, Any] = {"id": employee_id, "name": name}
    if target_role is not None:
        emp["target_role"] = target_role
    if hours_per_week is not None:
        emp["hours_per_week"] = hours_per_week
    if deadline is not None:
        emp["deadline"] = deadline
    emp.update(employee)
    data: dict[str, Any] = {"employee": emp}
    if skills is not None:
        data["skills"] = dict(skills)
    if targets is not None:
        data["targets"] = dict(targets)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# A small catalog whose numbers are easy to compute by hand (tests/test_gaps.py, test_schedule.py).
#   top needs mid at 3, mid needs base at 2; side and extra stand alone.
TINY = """\
sources:
  - {id: s1, publisher: Pub, title: Study, date: 2025-01-01}
skills:
  - id: base
    name: Base
    demand: {score: 0.5, source: s1}
    resources:
      - {title: Base book, kind: formal, hours: 6, from: 0, to: 3}
      - {title: Base circle, kind: social, hours: 4, from: 0, to: 3}
      - {title: Base project, kind: experience, hours: 20, from: 2, to: 5}
  - id: mid
    name: Mid
    demand: {score: 0.8, source: s1}
    prerequisites: [{skill: base, level: 2}]
    resources:
      - {title: Mid course, kind: formal, hours: 10, from: 0, to: 4}
  - id: top
    name: Top
    demand: {score: 1.0, trend: rising, source: s1, figure: "Top is hot."}
    prerequisites: [{skill: mid, level: 3}]
    resources:
      - {title: Top intro, kind: formal, hours: 5, from: 0, to: 2}
  - id: side
    name: Side
    resources:
      - {title: Side chat, kind: social, hours: 3, from: 0, to: 5}
  - id: extra
    name: Extra
    demand: {score: 0.2, source: s1}
    resources:
      - {title: Extra video, kind: formal, hours: 2, from: 0, to: 5}
roles:
  - id: r
    name: Role R
    requires:
      top: {level: 4, weight: 2}
      side: 2
      extra: {level: 1, weight: 0.5}
"""


def member(
    catalog,
    employee_id: str,
    levels: dict[str, tuple[int, int]],
    role: str = "ai-content-strategist",
    steps: dict[str, tuple[float, float]] | None = None,
    name: str = "",
    not_assessed: tuple[str, ...] = (),
    group: str = "",
) -> Member:
    """A member for team tests: `levels` skill -> (current, target); `not_assessed` skills nobody rated."""
    index = SkillIndex(catalog)
    packed = pack_levels((index.number[s], c, t, s not in not_assessed) for s, (c, t) in sorted(levels.items()))
    planned = pack_steps((index.number[s], h, a) for s, (h, a) in (steps or {}).items())
    hours = sum(h for h, _ in (steps or {}).values())
    late = sum(1 for _, a in (steps or {}).values() if a)
    return Member(
        employee_id,
        name or f"Person {employee_id}",
        "analyst",
        role,
        packed,
        planned,
        hours,
        1,
        "",
        "",
        late,
        sum(1 for c, t in levels.values() if t > c),
        group,
    )


def interrupt_on_write(monkeypatch: Any, module: Any, after: int = 3) -> None:
    """Make `module.write_new` raise KeyboardInterrupt (a Ctrl-C) once it has written `after` files."""
    real = module.write_new
    calls: list[object] = []

    def interrupted(path: object, data: bytes, fsync: bool = False) -> None:
        calls.append(path)
        real(path, data, fsync)
        if len(calls) == after:
            raise KeyboardInterrupt

    monkeypatch.setattr(module, "write_new", interrupted)


def ctrl_c_reaches_it() -> None:
    """A child's `preexec_fn`: Ctrl-C (SIGINT) back to its default, as a terminal's foreground job has it.

    A shell starts a background job (`make test &`, `nohup`, some CI runners) with SIGINT ignored, its
    children inherit that, and Python then leaves it ignored: the tests that press Ctrl-C would see the
    command run on. upskill keeps an ignored SIGINT ignored, as programs should; the tests undo it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def generated_profiles(catalog: Any, count: int, as_of: Any) -> list[Any]:
    """`count` profiles of the benchmark's generator (scripts/bench_batch.py, 40% with a deadline), read as
    `upskill plan` reads them as of `as_of`: the varied plans the fast paths are checked against."""
    import sys
    import tempfile

    from upskill.errors import Problems
    from upskill.load.document import read_document
    from upskill.load.profile import read_profile

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_batch import write_profiles

    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp) / "p"
        write_profiles(where, count, 0.4)
        return [read_profile(read_document(str(f)), catalog, Problems(), as_of=as_of) for f in sorted(where.iterdir())]
