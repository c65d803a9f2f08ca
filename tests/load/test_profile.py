"""Profiles: skill names resolve through ids, names and aliases; levels by number or name in any case;
every mistake is reported at its line, unknown skills as warnings with the closest match."""

from __future__ import annotations

from datetime import date

import pytest

from upskill.errors import Problems
from upskill.load.document import read_document
from upskill.load.profile import read_profile


def read(catalog, text, name="p.yaml", role=None):
    """Return (profile, errors, warnings) for profile `text`; problems as strings."""
    problems = Problems()
    profile = read_profile(read_document(name, text=text), catalog, problems, role=role)
    return profile, [str(p) for p in problems.errors], [str(p) for p in problems.warnings]


def read_ok(catalog, text, name="p.yaml", role=None):
    profile, errors, warnings = read(catalog, text, name, role)
    assert errors == [] and warnings == [], (errors, warnings)
    return profile


def levels(profile):
    return {skill: a.level for skill, a in profile.skills.items()}


def test_employee_fields(catalog, make_profile):
    text = make_profile(
        {},
        target_role="ml-engineer",
        employee_id="E7",
        name="Yusuf Demir",
        hours_per_week=6.5,
        deadline="2027-03-31",
        role="data-analyst",
    )
    employee = read_ok(catalog, text).employee
    assert (employee.id, employee.name, employee.role) == ("E7", "Yusuf Demir", "data-analyst")
    assert employee.target_role == "ml-engineer"
    assert employee.hours_per_week == 6.5
    assert employee.deadline == date(2027, 3, 31)


def test_name_defaults_to_id_and_hours_to_none(catalog):
    employee = read_ok(catalog, "employee: {id: E9, target_role: ml-engineer}\n").employee
    assert employee.name == "E9"
    assert employee.hours_per_week is None and employee.deadline is None


def test_skills_by_id_name_and_alias(catalog, make_profile):
    text = make_profile(
        {
            "prompt-engineering": 1,
            "Data quality": 2,
            "teamwork": 3,
            "Critical Thinking": 4,
            "DL": 1,
            "ai_workflow integration": 2,
        }
    )
    assert levels(read_ok(catalog, text)) == {
        "prompt-engineering": 1,
        "data-quality-analysis": 2,
        "collaboration": 3,
        "critical-thinking": 4,
        "deep-learning": 1,
        "ai-workflow-integration": 2,
    }


def test_level_names_in_any_case(catalog):
    text = (
        "employee: {id: E1, target_role: ml-engineer}\nskills:\n  Communication: advanced\n"
        "  prompting: BEGINNER\n  coaching: Expert\n  teamwork: ' none '\n  dl: '3'\n"
    )
    assert levels(read_ok(catalog, text)) == {
        "communication": 4,
        "prompt-engineering": 2,
        "coaching": 5,
        "collaboration": 0,
        "deep-learning": 3,
    }


def test_assessment_form(catalog):
    text = (
        "employee: {id: E1, target_role: ml-engineer}\nskills:\n"
        "  communication: {level: intermediate, source: manager, assessed: 2026-09-01}\n"
        "  coaching: {level: 2}\n"
    )
    skills = read_ok(catalog, text).skills
    assert (skills["communication"].level, skills["communication"].source) == (3, "manager")
    assert skills["communication"].assessed == date(2026, 9, 1)
    assert (skills["coaching"].level, skills["coaching"].source, skills["coaching"].assessed) == (2, "", None)


def test_toml_profile(catalog):
    text = (
        '[employee]\nid = "E1"\ntarget_role = "ml-engineer"\nhours_per_week = 5\ndeadline = 2027-01-29\n'
        '[skills]\ncommunication = "advanced"\nDL = 2\n'
        '[skills.prompting]\nlevel = 3\nassessed = 2026-01-01\n[targets]\ncoaching = "intermediate"\n'
    )
    profile = read_ok(catalog, text, "p.toml")
    assert levels(profile) == {"communication": 4, "deep-learning": 2, "prompt-engineering": 3}
    assert profile.skills["prompt-engineering"].assessed == date(2026, 1, 1)
    assert profile.employee.deadline == date(2027, 1, 29)
    assert profile.targets == {"coaching": 3}


def test_json_profile(catalog):
    text = (
        '{"employee": {"id": "E1", "target_role": "ML Engineer", "deadline": "2027-01-29"},'
        ' "skills": {"communication": 3, "prompting": {"level": "expert"}}, "targets": {"coaching": 4}}'
    )
    profile = read_ok(catalog, text, "p.json")
    assert levels(profile) == {"communication": 3, "prompt-engineering": 5}
    assert profile.employee.target_role == "ml-engineer"
    assert profile.targets == {"coaching": 4}


def test_personal_targets(catalog, make_profile):
    text = make_profile({"coaching": 1}, targets={"coaching": "advanced", "DL": 2, "content creation": {"level": 3}})
    assert read_ok(catalog, text).targets == {"coaching": 4, "deep-learning": 2, "content-creation": 3}


def test_unassessed_skill_is_level_zero(catalog, make_profile):
    assert read_ok(catalog, make_profile({"coaching": 3})).level("deep-learning") == 0


def test_unknown_skill_is_a_warning_with_the_closest_match(catalog, make_profile):
    profile, errors, warnings = read(catalog, make_profile({"promting": 2, "coaching": 1}))
    assert errors == []
    assert len(warnings) == 1
    assert "'promting' matches no skill" in warnings[0]
    assert "did you mean 'prompting'?" in warnings[0]
    assert "it is ignored" in warnings[0]
    assert warnings[0].startswith("p.yaml:")
    assert levels(profile) == {"coaching": 1}


def test_unknown_skill_far_from_everything_has_no_suggestion(catalog, make_profile):
    _, _, warnings = read(catalog, make_profile({"underwater basket weaving": 2}))
    assert len(warnings) == 1 and "did you mean" not in warnings[0]


def test_same_skill_under_two_names_is_an_error(catalog):
    text = (
        "employee: {id: E1, target_role: ml-engineer}\n"
        "skills:\n  prompting: 2\n  coaching: 1\n  prompt-engineering: 3\n"
    )
    _, errors, _ = read(catalog, text)
    assert len(errors) == 1
    assert errors[0].startswith("p.yaml:5:3: skills.prompt-engineering:")
    assert "'prompt-engineering' and 'prompting' are the same skill (prompt-engineering)" in errors[0]


def test_unknown_target_role_suggests(catalog, make_profile):
    _, errors, _ = read(catalog, make_profile({}, target_role="ml-enginer"))
    assert len(errors) == 1
    assert "unknown target role 'ml-enginer' (did you mean 'ml-engineer'?)" in errors[0]
    assert "employee.target_role" in errors[0]


def test_missing_target_role_unless_given_on_the_command_line(catalog, make_profile):
    _, errors, _ = read(catalog, make_profile({}, target_role=None))
    assert len(errors) == 1 and "missing 'target_role'" in errors[0]
    assert read_ok(catalog, make_profile({}, target_role=None), role="ld-coach").employee.target_role == "ld-coach"


def test_role_override_replaces_the_profiles_role(catalog, make_profile):
    assert read_ok(catalog, make_profile({}), role="ml-engineer").employee.target_role == "ml-engineer"


@pytest.mark.parametrize(
    "value,words",
    [
        ("6", "a number (6) is not a level"),
        ("-1", "a number (-1) is not a level"),
        ("2.5", "a number (2.5) is not a level"),
        ("expertt", "'expertt' is not a level (did you mean 'expert'?)"),
        ("no", "'no' is not a level (did you mean 'none'?)"),
        ("true", "a boolean (true) is not a level"),
        ("[]", "expected a level or {level, source, assessed}, found a list"),
    ],
)
def test_bad_levels(catalog, value, words):
    text = f"employee: {{id: E1, target_role: ml-engineer}}\nskills:\n  coaching: 1\n  communication: {value}\n"
    _, errors, _ = read(catalog, text)
    assert len(errors) == 1, errors
    assert errors[0].startswith("p.yaml:4:3: skills.communication: ")
    assert words in errors[0]


def test_level_no_in_the_assessment_form(catalog):
    text = "employee: {id: E1, target_role: ml-engineer}\nskills:\n  communication:\n    level: no\n"
    _, errors, _ = read(catalog, text)
    assert len(errors) == 1
    assert errors[0].startswith("p.yaml:4:5: skills.communication.level: 'no' is not a level")


def test_level_written_as_whole_float_is_accepted(catalog):
    text = "employee: {id: E1, target_role: ml-engineer}\nskills:\n  communication: 3.0\n"
    assert levels(read_ok(catalog, text)) == {"communication": 3}


@pytest.mark.parametrize(
    "hours,words",
    [
        (0, "must be greater than 0, found 0"),
        (-2, "must be greater than 0, found -2"),
        (81, "must be at most 80, found 81"),
        ("'many'", "expected a number, found 'many'"),
        ("'1e309'", "expected a number"),
    ],
)
def test_bad_hours_per_week(catalog, hours, words):
    text = f"employee: {{id: E1, target_role: ml-engineer, hours_per_week: {hours}}}\n"
    _, errors, _ = read(catalog, text)
    assert len(errors) == 1, errors
    assert "employee.hours_per_week" in errors[0] and words in errors[0]


def test_huge_integer_hours_is_an_error_not_a_crash(catalog):
    text = "employee: {id: E1, target_role: ml-engineer, hours_per_week: " + "9" * 400 + "}\n"
    _, errors, _ = read(catalog, text)
    assert len(errors) == 1 and "expected a number" in errors[0]


@pytest.mark.parametrize("deadline", ["2027-02-30", "tomorrow", "31/12/2027", "2027-1-5"])
def test_bad_deadline(catalog, deadline):
    text = f"employee: {{id: E1, target_role: ml-engineer, deadline: '{deadline}'}}\n"
    _, errors, _ = read(catalog, text)
    assert len(errors) == 1
    assert f"'{deadline}' is not a date; write it as YYYY-MM-DD" in errors[0]
    assert "employee.deadline" in errors[0]


def test_every_problem_is_reported_in_one_pass(catalog):
    text = (
        "employee: {id: E1, target_role: ml-enginer, hours_per_week: 0, deadline: soon, colour: red}\n"
        "skills:\n  communication: 9\n  coachin: 2\n  prompting: {level: 2, by: me}\nextra: 1\n"
    )
    _, errors, warnings = read(catalog, text)
    assert len(errors) == 7, errors
    assert len(warnings) == 1, warnings
    assert any("unknown key 'colour'" in e for e in errors)
    assert any("unknown key 'extra'" in e for e in errors)
    assert any("unknown key 'by'" in e for e in errors)


@pytest.mark.parametrize(
    "text,words",
    [
        ("employee: [E1]\n", "employee: expected a mapping, found a list"),
        ("skills: {}\n", "missing 'employee'"),
        (
            "employee: {id: E1, target_role: ml-engineer}\nskills: [coaching]\n",
            "skills: expected a mapping, found a list",
        ),
        ("employee: {id: 1.5, target_role: ml-engineer}\n", "expected text, found the number 1.5; quote it"),
        ("employee: {id: '', target_role: ml-engineer}\n", "'id' is empty"),
        ("employee: {id: E1, target_role: ml-engineer}\nskills:\n  coaching: {source: me}\n", "missing 'level'"),
    ],
)
def test_structural_mistakes(catalog, text, words):
    _, errors, _ = read(catalog, text)
    assert any(words in e for e in errors), errors


def test_yaml_11_employee_id_stays_as_written(catalog):
    assert read_ok(catalog, "employee: {id: 0012, target_role: ml-engineer}\n").employee.id == "0012"
