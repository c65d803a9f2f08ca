"""`catalog import` on downloads that are damaged or not what they seem: bounded work, one located line."""

from __future__ import annotations

import time
import tracemalloc
import zipfile

from tests.taxonomy.helpers import ESCO, ONET, copy_of, run_import
from upskill.errors import UpskillError
from upskill.taxonomy.tables import MAX_LINE

ARGS = ("--occupation", "15-2051.00")


def zip_with_a_long_line(tmp_path, megabytes):
    """The O*NET excerpt as a zip whose Skills.txt has, on line 3, a cell of `megabytes` MB: a small zip."""
    archive = tmp_path / "onet.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(ONET.iterdir()):
            if path.name != "Skills.txt":
                zf.write(path, f"db_29_2_text/{path.name}")
        lines = (ONET / "Skills.txt").read_bytes().split(b"\n")
        with zf.open("db_29_2_text/Skills.txt", "w", force_zip64=True) as fh:
            fh.write(b"\n".join(lines[:2]) + b"\n" + lines[2].rstrip(b"\r"))
            block = b"x" * (1 << 20)
            for _ in range(megabytes):
                fh.write(block)
            fh.write(b"\r\n" + b"\n".join(lines[3:]))
    return archive


def test_a_zip_holding_one_huge_line_is_refused_quickly_in_bounded_memory(runner, tmp_path):
    archive = zip_with_a_long_line(tmp_path, 200)
    assert archive.stat().st_size < 1_000_000  # 200 MB of text in a small download
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = run_import(runner, "onet", str(archive), *ARGS)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"upskill: error: {archive}:db_29_2_text/Skills.txt:3: the line is longer than 1024 KB")
    assert peak < 12 * MAX_LINE, f"peak {peak / 1e6:.1f} MB"  # a few copies of one line at most, not 200 MB
    assert seconds < 30, seconds


def test_lines_up_to_the_limit_are_read(runner, tmp_path):
    import io

    from upskill.taxonomy.tables import _lines

    text = b"a\tb\r\n" + b"y" * (MAX_LINE - 10) + b"\r\n" + b"c\td"
    assert [len(line) for line in _lines(io.BytesIO(text), "utf-8", "t")] == [5, MAX_LINE - 8, 3]
    too_long = io.BytesIO(b"a\n" + b"y" * (MAX_LINE + 1))
    try:
        list(_lines(too_long, "utf-8", "t"))
    except UpskillError as exc:
        assert exc.problems[0].line == 2
    else:
        raise AssertionError("a line past the limit was read")


def test_an_encoding_error_names_the_line_of_the_byte(runner, tmp_path):
    folder = copy_of(ESCO, tmp_path)
    path = folder / "skills_en.csv"
    lines = path.read_bytes().split(b"\n")
    assert b"data" in lines[112]
    lines[112] = lines[112].replace(b"data", b"d\xe9ta", 1)  # physical line 113
    path.write_bytes(b"\n".join(lines))
    result = run_import(runner, "esco", str(folder), "--occupation", "data scientist")
    assert result.exit_code == 1
    assert f"{path}:113: is not utf-8 text (byte 0xe9" in result.stderr, result.stderr
    assert "--encoding" in result.stderr and len(result.stderr.splitlines()) == 1
