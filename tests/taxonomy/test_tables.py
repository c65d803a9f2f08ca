"""Reading a download: which files, which columns, and what a broken file says."""

from __future__ import annotations

import pytest

from tests.taxonomy.helpers import ESCO, ONET, copy_of, run_import
from upskill.errors import UpskillError
from upskill.taxonomy.tables import MAX_ERRORS, Column, Download, Report, Table, header_key

ARGS = ("--occupation", "15-2051.00")


def test_header_names_fold_to_letters_and_digits():
    assert header_key("O*NET-SOC Code") == header_key("onetsoc_code") == header_key(" ONET SOC code ")


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_header(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"\xef\xbb\xbfA\tB\r\n1\t2\r\n")
    table = Table(Download([str(path)]).require("t", "t.txt"), [Column("A")], Report(), tab=True)
    assert list(table.rows()) == [(2, ["1", "2"])] and table.at("A") == 0


def test_an_empty_file_says_which_header_it_expected(runner, tmp_path):
    folder = copy_of(ONET, tmp_path)
    (folder / "Skills.txt").write_bytes(b"")
    result = run_import(runner, "onet", str(folder), *ARGS)
    assert (
        result.exit_code == 1
        and "Skills.txt: the file is empty; expected a header row with O*NET-SOC Code" in result.stderr
    )


def test_text_in_another_encoding_names_the_flag(runner, tmp_path):
    folder = copy_of(ONET, tmp_path)
    path = folder / "Occupation Data.txt"
    path.write_bytes(path.read_bytes().replace(b"Chief Executives", b"Chief Ex\xe9cutives"))
    result = run_import(runner, "onet", str(folder), *ARGS)
    assert result.exit_code == 1 and "is not utf-8 text (byte 0xe9" in result.stderr and "--encoding" in result.stderr
    assert run_import(runner, "onet", str(folder), *ARGS, "--encoding", "cp1252").exit_code == 0


def test_a_missing_file_names_it_and_where_it_looked(runner, tmp_path):
    folder = copy_of(ESCO, tmp_path)
    (folder / "skills_en.csv").unlink()
    result = run_import(runner, "esco", str(folder), "--occupation", "data scientist")
    assert result.exit_code == 1 and "no 'skills_en.csv' (skills) in" in result.stderr


def test_a_broken_zip_is_an_error_not_a_traceback(runner, tmp_path):
    archive = tmp_path / "onet.zip"
    archive.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    result = run_import(runner, "onet", str(archive), *ARGS)
    assert result.exit_code == 1 and "upskill: error:" in result.stderr and "Traceback" not in result.stderr
    assert str(archive) in result.stderr  # the line names the download it could not read


def test_errors_stop_after_a_cap_with_a_count(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"A\tB\r\n" + b"1\r\n" * 100)
    report = Report()
    table = Table(Download([str(path)]).require("t", "t.txt"), [Column("A")], report, tab=True)
    with pytest.raises(UpskillError) as caught:
        list(table.rows())
    assert len(caught.value.problems) == MAX_ERRORS + 1
    assert caught.value.problems[-1].message.startswith(f"stopped after {MAX_ERRORS} errors")
