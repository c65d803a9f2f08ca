"""upskill.load.rosters.inputs (with sources, roster, jsonl): batch inputs (files, folders, globs, CSV rosters as
spreadsheets export them, JSON Lines) expanded into one source per employee, every row validated exactly as a
profile file is."""

from __future__ import annotations

import io

import pytest

from upskill.errors import Problem, Problems, UpskillError, UsageError
from upskill.load.profile import read_profile
from upskill.load.rosters.columns import RosterSettings
from upskill.load.rosters.inputs import check_inputs, expand_inputs
from upskill.load.rosters.sources import Broken, FileSource, LineSource, Notice, RowSource

HEADER = "id,name,role,target_role,hours_per_week,deadline"


def sources(tmp_path, catalog, *inputs, **kw):
    return list(expand_inputs([str(tmp_path / i) if i != "-" else i for i in inputs], catalog, **kw))


def employees(srcs):
    return [s for s in srcs if not isinstance(s, Notice)]


def profile_of(source, catalog):
    problems = Problems()
    profile = read_profile(source.document(), catalog, problems)
    return profile, problems


def roster(tmp_path, write, text: str | bytes, name: str = "r.csv"):
    return write(tmp_path, name, text)


# --- CSV rosters ------------------------------------------------------------------------------------------


def test_csv_row_becomes_a_profile(tmp_path, write, catalog):
    roster(
        tmp_path,
        write,
        f"{HEADER},Prompting,Communication,Data quality\n"
        "E1,Ana Ruiz,Analyst,ai-content-strategist,4,2027-06-30,2,advanced,\n",
    )
    (row,) = sources(tmp_path, catalog, "r.csv")
    assert isinstance(row, RowSource) and row.label == f"{tmp_path / 'r.csv'}:2"
    profile, problems = profile_of(row, catalog)
    assert problems.items == []
    assert profile.employee.id == "E1" and profile.employee.name == "Ana Ruiz"
    assert profile.employee.target_role == "ai-content-strategist" and profile.employee.hours_per_week == 4
    assert str(profile.employee.deadline) == "2027-06-30"
    assert profile.level("prompt-engineering") == 2 and profile.level("communication") == 4
    assert "data-quality-analysis" not in profile.skills  # blank: not assessed


@pytest.mark.parametrize(
    "raw,expected",
    [
        (b"\xef\xbb\xbf" + f"{HEADER},prompting\r\nE1,A,r,ld-coach,3,,2\r\n".encode(), 2),  # BOM, CRLF
        (f"{HEADER.replace(',', ';')};prompting\r\nE1;A;r;ld-coach;3;;2\r\n".encode(), 2),  # Excel in many locales
        (f"{HEADER.replace(',', chr(9))}\tprompting\nE1\tA\tr\tld-coach\t3\t\t2\n".encode(), 2),  # tab
        (f"{HEADER},prompting\rE1,A,r,ld-coach,3,,2\r".encode(), 2),  # old Mac: CR only
        (f"sep=;\r\n{HEADER.replace(',', ';')};prompting\r\nE1;A;r;ld-coach;3;;2\r\n".encode(), 3),  # Excel's hint
        (f'{HEADER},prompting\n"E1","A","r","ld-coach","3","","2"\n'.encode(), 2),  # every cell quoted
    ],
)
def test_spreadsheet_exports(tmp_path, write, catalog, raw, expected):
    roster(tmp_path, write, raw)
    (row,) = sources(tmp_path, catalog, "r.csv")
    assert isinstance(row, RowSource) and row.line == expected
    profile, problems = profile_of(row, catalog)
    assert problems.errors == [] and profile.employee.id == "E1" and profile.level("prompt-engineering") == 2


def test_quoted_cells_hold_delimiters_and_line_breaks(tmp_path, write, catalog):
    roster(
        tmp_path,
        write,
        f'{HEADER};Prompting\n"E1";"Ruiz; Ana";"Marketing\nand sales";ld-coach;3;;2\nE2;Bo;x;ld-coach;3;;1\n'.replace(
            ",", ";"
        ),
    )
    first, second = sources(tmp_path, catalog, "r.csv")
    assert profile_of(first, catalog)[0].employee.name == "Ruiz; Ana"
    assert second.line == 4  # the row numbers count physical lines, as a spreadsheet shows them


@pytest.mark.parametrize(
    "cell,level", [("3", 3), ("3.0", 3), ("3,0", 3), ("Intermediate", 3), (" advanced ", 4), ("0", 0), ("none", 0)]
)
def test_level_cells(tmp_path, write, catalog, cell, level):
    roster(tmp_path, write, f'{HEADER},prompting\nE1,A,r,ld-coach,3,,"{cell}"\n')
    (row,) = sources(tmp_path, catalog, "r.csv")
    assert profile_of(row, catalog)[0].level("prompt-engineering") == level


def test_decimal_comma_in_hours(tmp_path, write, catalog):
    roster(tmp_path, write, f"{HEADER};prompting\nE1;A;r;ld-coach;4,5;;2\n".replace(",", ";").replace("4;5", "4,5"))
    (row,) = sources(tmp_path, catalog, "r.csv")
    assert profile_of(row, catalog)[0].employee.hours_per_week == 4.5


def test_header_names_in_any_case_and_spacing(tmp_path, write, catalog):
    roster(
        tmp_path,
        write,
        "ID,Target Role,Hours-per-week,AI workflow integration,MACHINE LEARNING\nE1,ML Engineer,3,1,2\n",
    )
    (row,) = sources(tmp_path, catalog, "r.csv")
    profile, problems = profile_of(row, catalog)
    assert problems.errors == []
    assert profile.employee.target_role == "ml-engineer"
    assert profile.level("ai-workflow-integration") == 1 and profile.level("ai-modelling") == 2


def test_blank_rows_are_skipped_and_short_rows_padded(tmp_path, write, catalog):
    roster(tmp_path, write, f"{HEADER},prompting,communication\n\n,,,,,,,\nE1,A,r,ld-coach\n;;;\n")
    rows = sources(tmp_path, catalog, "r.csv")
    assert [r.line for r in rows] == [4, 5]  # ";;;" is one non-blank cell in a comma file: a row (it fails)
    assert profile_of(rows[0], catalog)[1].errors == []


def test_a_bad_cell_is_located_at_its_row_and_column(tmp_path, write, catalog):
    roster(tmp_path, write, f"{HEADER},prompting\nE1,A,r,data-scientist,3,,expret\n")
    (row,) = sources(tmp_path, catalog, "r.csv")
    _, problems = profile_of(row, catalog)
    where = {(p.line, p.column) for p in problems.errors}
    assert (2, 4) in where and (2, 7) in where


def test_extra_cells_are_an_error_for_the_row(tmp_path, write, catalog):
    roster(tmp_path, write, f"{HEADER}\nE1,A,r,ld-coach,3,,,,surprise\nE2,B,r,ld-coach,3,,,,\n")
    first, second = sources(tmp_path, catalog, "r.csv")
    with pytest.raises(UpskillError, match="9 cells but the header has 6") as info:
        first.document()
    assert info.value.problems[0].line == 2
    second.document()  # trailing empty cells are what spreadsheets write: fine


@pytest.mark.parametrize(
    "header,message",
    [
        ("name,target_role,prompting", "no id column"),
        ("id,name,prompting", "no target_role column"),
        ("id,target_role,prompting,Prompt engineering", "same skill (prompt-engineering)"),
        ("id,Employee ID,target_role", "are both the employee's id"),
    ],
)
def test_header_problems_stop_the_roster(tmp_path, write, catalog, header, message):
    roster(tmp_path, write, f"{header}\nE1,ld-coach,2,2\n")
    (broken,) = sources(tmp_path, catalog, "r.csv")
    assert isinstance(broken, Broken)
    assert any(message in p.message for p in broken.problems) and broken.problems[0].line == 1


def test_unknown_column_stops_the_roster_unless_ignored(tmp_path, write, catalog):
    roster(tmp_path, write, f"{HEADER},Comunication,Basket weaving,prompting\nE1,A,r,ld-coach,3,,5,1,2\n")
    (broken,) = sources(tmp_path, catalog, "r.csv")
    assert isinstance(broken, Broken) and [p.column for p in broken.problems] == [7, 8]
    assert "did you mean 'Communication'?" in broken.problems[0].message
    ignore = RosterSettings(ignore_unknown=True)
    notice, row = sources(tmp_path, catalog, "r.csv", roster=ignore)
    assert isinstance(notice, Notice) and len(notice.problems) == 1 and notice.problems[0].warning
    assert "'Comunication' (7), 'Basket weaving' (8)" in notice.problems[0].message
    profile, problems = profile_of(row, catalog)
    assert problems.items == [] and set(profile.skills) == {"prompt-engineering"}  # dropped from every row
    (broken,) = sources(tmp_path, catalog, "r.csv", roster=ignore, strict=True)
    assert isinstance(broken, Broken) and not broken.problems[0].warning


def test_not_utf8_names_the_row_and_suggests_encoding(tmp_path, write, catalog):
    roster(
        tmp_path,
        write,
        f"{HEADER}\nE1,Ana,r,ld-coach,3,\nE2,Ren\xe9e,r,ld-coach,3,\nE3,Bo,r,ld-coach,3,\n".encode("cp1252"),
    )
    first, bad, third = sources(tmp_path, catalog, "r.csv")
    assert isinstance(bad, Broken) and bad.problems[0].line == 3
    assert "--encoding" in bad.problems[0].message and "0xe9" in bad.problems[0].message
    assert isinstance(first, RowSource) and isinstance(third, RowSource)  # the other rows still run
    rows = sources(tmp_path, catalog, "r.csv", encoding="cp1252")
    assert profile_of(rows[1], catalog)[0].employee.name == "Renée"


def test_utf16_and_empty_rosters(tmp_path, write, catalog):
    roster(tmp_path, write, f"{HEADER}\nE1,A,r,ld-coach,3,\n".encode("utf-16"))
    (broken,) = sources(tmp_path, catalog, "r.csv")
    assert isinstance(broken, Broken) and "UTF-16" in broken.problems[0].message
    roster(tmp_path, write, "")
    (broken,) = sources(tmp_path, catalog, "r.csv")
    assert isinstance(broken, Broken) and "empty" in broken.problems[0].message


def test_a_missing_closing_quote_does_not_swallow_rows_silently(tmp_path, write, catalog):
    roster(tmp_path, write, f'{HEADER}\nE1,"Ana,r,ld-coach,3,\nE2,Bo,r,ld-coach,3,\nE3,Cy,r,ld-coach,3,\n')
    (broken,) = sources(tmp_path, catalog, "r.csv")
    assert isinstance(broken, Broken)
    assert "closing quote" in broken.problems[0].message and "line 2 to line 4" in broken.problems[0].message


@pytest.mark.slow
def test_rows_are_read_lazily(tmp_path, write, catalog):
    """A huge roster is streamed: taking the first row does not read the whole file."""
    path = roster(tmp_path, write, HEADER + "\n" + "".join(f"E{i},A,r,ld-coach,3,\n" for i in range(200_000)))
    stream = expand_inputs([str(path)], catalog)
    first = next(stream)
    assert first.line == 2
    frame = stream.gi_frame  # the generator is suspended after one row, the file mostly unread
    assert frame is not None
    stream.close()


# --- JSON Lines ---------------------------------------------------------------------------------------------


def test_json_lines_on_stdin(catalog):
    data = (
        b'\xef\xbb\xbf{"employee": {"id": "E1", "target_role": "ld-coach"}}\n\n   \n'
        b'[1, 2]\n{"employee": {"id": "E2", "target_role": "ld-coach"},}\n\xff\n'
    )
    srcs = list(expand_inputs(["-"], catalog, stdin=io.BytesIO(data)))
    assert [s.label for s in srcs] == ["<stdin>:1", "<stdin>:4", "<stdin>:5", "<stdin>:6"]
    assert isinstance(srcs[0], LineSource) and profile_of(srcs[0], catalog)[0].employee.id == "E1"
    with pytest.raises(UpskillError, match="JSON object"):
        srcs[1].document()
    with pytest.raises(UpskillError) as info:
        srcs[2].document()
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == ("<stdin>", 5) and problem.column
    assert isinstance(srcs[3], Broken) and "UTF-8" in srcs[3].problems[0].message


def test_jsonl_file(tmp_path, write, catalog):
    write(tmp_path, "p.jsonl", '{"employee": {"id": "E1", "target_role": "ld-coach"}}\n')
    (line,) = sources(tmp_path, catalog, "p.jsonl")
    assert line.label == f"{tmp_path / 'p.jsonl'}:1"


# --- files, folders, globs ------------------------------------------------------------------------------------


def test_folders_and_globs_in_sorted_order(tmp_path, write, make_profile, catalog):
    for name in ("b.yaml", "a.yml", "c.toml", "d.json", "notes.txt", "roster.csv"):
        write(tmp_path / "team", name, make_profile())
    (tmp_path / "team" / "sub.yaml").mkdir()
    srcs = sources(tmp_path, catalog, "team")
    assert [s.label.rsplit("/", 1)[1] for s in srcs] == ["a.yml", "b.yaml", "c.toml", "d.json"]
    assert all(isinstance(s, FileSource) for s in srcs)
    globbed = list(expand_inputs([str(tmp_path / "team" / "*.y*ml")], catalog))
    assert [s.label.rsplit("/", 1)[1] for s in globbed] == ["a.yml", "b.yaml", "sub.yaml"]
    assert isinstance(globbed[2], Broken)  # a folder the pattern matches is expanded: this one is empty


def test_a_file_named_twice_is_read_once(tmp_path, write, make_profile, catalog):
    write(tmp_path / "team", "a.yaml", make_profile())
    srcs = list(expand_inputs([str(tmp_path / "team"), str(tmp_path / "team" / "a.yaml")], catalog))
    assert [type(s) for s in srcs] == [FileSource, Notice]


def test_an_empty_folder_is_a_failure(tmp_path, catalog):
    (tmp_path / "empty").mkdir()
    (broken,) = sources(tmp_path, catalog, "empty")
    assert isinstance(broken, Broken) and "no .yaml" in broken.problems[0].message


def test_check_inputs_refuses_what_names_nothing(tmp_path, write):
    write(tmp_path, "a.yaml", "x: 1\n")
    check_inputs([str(tmp_path / "a.yaml"), str(tmp_path / "*.yaml"), "-", str(tmp_path)])
    with pytest.raises(UsageError) as info:
        check_inputs([str(tmp_path / "missing.yaml"), str(tmp_path / "*.toml"), "-", "-"])
    messages = " ".join(p.message for p in info.value.problems)
    assert "no such file" in messages and "matches no file" in messages and "more than once" in messages


def test_problem_type_is_shared():
    assert isinstance(Broken("x", (Problem("m"),)).problems[0], Problem)
