"""A user template's work is bounded: steps, time, and every value it builds (render/template_guard.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from tests.helpers import EXAMPLES, START
from upskill.cli import cli
from upskill.render import template_guard

HUGE = [
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{% for a in range(100000) %}{% for b in steps %}{% for c in steps %}{% endfor %}{% endfor %}{% endfor %}",
    "{% set s = 'x' * 9000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "{{ '%0999999999d' % 1 }}",
    "{{ '%.999999999f' % 1 }}",
    "{{ '%*d' % (99, 1) }}",
    "{{ 'x'|center(999999999) }}",
    "{{ 'x'|indent(999999999, true) }}",
    "{{ '%0999999999d'|format(1) }}",
    "{{ 'x'.center(999999999) }}",
    "{{ 'x'.ljust(999999999) }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ '{:{}}'.format(1, 99) }}",
    "{{ (1).to_bytes(999999999, 'big') }}",
    "{{ range(3)|batch(999999999, 0)|list }}",
    "{% set s = 'x' * 9000000 %}{{ s ~ s }}",
    "{% set s = 'x' * 9000000 %}{{ s + s }}",
    "{% set s = 'x' * 9000000 %}{{ [s, s]|join }}",
    "{% set s = 'x' * 9000000 %}{{ ''.join([s, s]) }}",
    "{% set s = 'x' * 9000000 %}{{ s.replace('x', 'yy') }}",
    "{% set s = 'x' * 9000000 %}{{ s|replace('x', 'yy') }}",
    "{% set s = 'x' * 9000000 %}{{ [s] * 2 }}",
    "{% set s = 'x' * 9000000 %}{{ [s, s] }}",
    "{% set s = 'x' * 9000000 %}{{ [s, s]|string }}",
    "{% set s = 'x\\n' * 4000000 %}{{ s|indent(8) }}",
    "{% set n = 2 ** 64 %}{% set n = n ** 64 %}{{ n ** 64 }}",
]


def plan(runner, template, *extra):
    return runner.invoke(
        cli, ["plan", str(EXAMPLES / "ana-ruiz.yaml"), "--start", START, "--template", str(template), *extra]
    )


@pytest.mark.parametrize("body", HUGE)
def test_huge_work_is_refused_at_its_line_quickly(runner, tmp_path, write, body):
    template = write(tmp_path, "evil.txt.j2", f"line one\n{body}\n")
    out = tmp_path / "evil.txt"
    began = time.monotonic()
    result = plan(runner, template, "-o", str(out))
    assert time.monotonic() - began < 15
    assert result.exit_code == 1, result.stdout[:200]
    assert result.stderr.startswith(f"upskill: error: {template}:2: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "body",
    [
        "{% for s in steps %}{{ s.name|center(40) }}|{{ '%5.1f' % s.hours }}|{{ '{:>6}'.format(s.number) }}\n"
        "{% endfor %}",
        "{{ steps|map(attribute='name')|join(', ') }} {{ ('-' * 20) ~ summary.start }} {{ 2 ** 10 }}",
        "{% for a in range(300) %}{% for b in range(300) %}{% endfor %}{% endfor %}done",
    ],
)
def test_ordinary_templates_are_not_refused(runner, tmp_path, write, body):
    template = write(tmp_path, "fine.txt.j2", body + "\n")
    result = plan(runner, template)
    assert result.exit_code == 0, result.stderr


def test_a_slow_template_stops_at_the_time_limit(runner, tmp_path, write, monkeypatch):
    monkeypatch.setattr(template_guard, "MAX_STEPS", 10**12)  # only the clock can stop it
    monkeypatch.setattr(template_guard, "MAX_SECONDS", 1.0)
    template = write(
        tmp_path, "slow.txt.j2", "x\n{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n"
    )
    began = time.monotonic()
    result = plan(runner, template)
    assert time.monotonic() - began < 10
    assert result.exit_code == 1
    assert f"{template}:2: the template ran for more than 1 s" in result.stderr


def test_the_timer_signal_stops_one_long_operation(monkeypatch):
    """The step count sees no step inside one long operation; in the main thread, the timer signal does."""
    monkeypatch.setattr(template_guard, "MAX_SECONDS", 0.5)
    began = time.monotonic()
    with pytest.raises(template_guard.TimeUp), template_guard.budgeted():
        while True:  # one operation, as far as the step count knows
            pass
    assert time.monotonic() - began < 5


@pytest.mark.slow
@pytest.mark.parametrize("limit", ["steps", "seconds"])
def test_a_batch_reports_a_runaway_template_and_does_not_hang(runner, tmp_path, write, monkeypatch, limit):
    if limit == "seconds":  # the worker processes (forked) see the lowered limits
        monkeypatch.setattr(template_guard, "MAX_STEPS", 10**12)
        monkeypatch.setattr(template_guard, "MAX_SECONDS", 1.0)
    template = write(
        tmp_path,
        "slow.md.j2",
        "# {{ employee.id }}\n{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n",
    )
    out = tmp_path / "notes"
    args = ["batch", str(EXAMPLES / "roster.csv"), "--out", str(out), "--template", str(template), "--jobs", "2"]
    began = time.monotonic()
    result = runner.invoke(cli, [*args, "--start", START])
    # The first render out of budget stops the run: one budget's time, not one per employee (12 here)
    assert time.monotonic() - began < (15 if limit == "seconds" else 10)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("upskill: error:")]
    assert len(errors) == 1 and f"{template}:2:" in errors[0] and "batch stops" in errors[0]
    assert "Traceback" not in result.stderr
    assert not list(out.glob("E*.md"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "body", ["{{ '%0999999999d' % 1 }}", "{{ 'x'|center(999999999) }}", "{{ 'x'.rjust(999999999) }}"]
)
def test_under_a_memory_limit_the_error_is_clean(tmp_path, write, body):
    """With 512 MB of address space, a gigabyte format is refused before it allocates: no MemoryError."""
    template = write(tmp_path, "big.txt.j2", f"x\n{body}\n")
    code = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))
        from upskill.cli import cli
        cli(["plan", {str(EXAMPLES / "ana-ruiz.yaml")!r}, "--start", {START!r}, "--template", {str(template)!r}])
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"upskill: error: {template}:2: ")
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr
