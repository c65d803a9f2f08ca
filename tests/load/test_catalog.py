"""Catalogs: the bundled one is complete and cites its evidence; overlays merge by id; mistakes in a
catalog file are reported with their place and, where a name is close, a suggestion."""

from __future__ import annotations

import re

import pytest

from tests.helpers import CATALOG_DIR
from upskill.errors import UpskillError
from upskill.load.catalog import load_catalog
from upskill.model import DEFAULT_SCALE, KINDS

REQUIRED_ROLES = {
    "ai-augmented-professional",
    "data-annotation-specialist",
    "ml-engineer",
    "ai-chatbot-developer",
    "data-quality-analyst",
    "ld-coach",
}

SMALL = """\
skills:
  - id: alpha
    name: Alpha
    aliases: [first]
    resources:
      - {title: Alpha course, kind: formal, hours: 5, from: 0, to: 3}
  - id: beta
    name: Beta
    prerequisites: [{skill: alpha, level: 1}]
    resources:
      - {title: Beta course, kind: formal, hours: 5, from: 0, to: 3}
roles:
  - id: tester
    name: Tester
    requires: {alpha: 2, beta: {level: 3, weight: 1.5}}
"""


def problems_of(tmp_path, write, text, *, base=True, name="ours.yaml"):
    """Load `text` (on top of the bundled catalog when `base`) and return the problems as strings."""
    path = write(tmp_path, name, text)
    with pytest.raises(UpskillError) as info:
        load_catalog(["default", path] if base else [path])
    return [str(p) for p in info.value.problems]


def one_problem(tmp_path, write, text, **kwargs):
    found = problems_of(tmp_path, write, text, **kwargs)
    assert len(found) == 1, found
    return found[0]


# --- the bundled catalog ------------------------------------------------------------------------


def test_default_catalog_has_22_skills_and_the_roles(catalog):
    assert len(catalog.skills) == 22
    assert len(catalog.roles) >= 6
    assert set(catalog.roles) >= REQUIRED_ROLES
    assert catalog.scale.names == DEFAULT_SCALE


def test_every_demand_cites_a_dated_source_or_takes_the_default(catalog):
    for skill in catalog.skills.values():
        assert skill.demand is not None, skill.id
        assert 0 <= skill.demand.score <= 1
        if not skill.demand.source:  # no source mentions it: the documented default, and no figure
            assert (skill.demand.score, skill.demand.figure) == (0.5, ""), skill.id
            continue
        source = catalog.sources.get(skill.demand.source)
        assert source is not None, f"{skill.id} cites unknown source {skill.demand.source!r}"
        assert source.publisher.strip(), source.id
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source.date), source.id


def test_every_skill_mixes_all_three_kinds_of_resource(catalog):
    for skill in catalog.skills.values():
        assert {r.kind for r in skill.resources} == set(KINDS), skill.id
        for r in skill.resources:
            assert r.hours > 0 and r.from_level < r.to_level, (skill.id, r.title)


def test_every_role_requirement_names_a_catalog_skill_on_the_scale(catalog):
    for role in catalog.roles.values():
        assert role.requires, role.id
        for requirement in role.requires:
            assert requirement.skill in catalog.skills
            assert 0 < requirement.level <= catalog.scale.max_level


def test_names_and_aliases_resolve_in_any_case(catalog):
    assert catalog.find_skill("Prompting") == "prompt-engineering"
    assert catalog.find_skill("DATA QUALITY") == "data-quality-analysis"
    assert catalog.find_skill("Data Quality_analysis") == "data-quality-analysis"
    assert catalog.find_skill("copywriting") == "content-creation"
    assert catalog.find_skill("basket weaving") is None
    assert catalog.find_role("ML Engineer") == "ml-engineer"
    assert catalog.find_role("Data annotation specialist") == "data-annotation-specialist"


def test_default_can_be_named_as_a_folder(catalog):

    folder = CATALOG_DIR
    assert load_catalog([folder]).skills.keys() == catalog.skills.keys()


# --- overlays ------------------------------------------------------------------------------------


OVERLAY = """\
skills:
  - id: prompt-engineering
    name: Prompt craft
    aliases: [prompt craft]
    resources:
      - {title: Our in-house prompt clinic, kind: social, hours: 2, from: 0, to: 5}
roles:
  - id: prompt-lead
    name: Prompt lead
    requires: {prompt-engineering: 5, communication: 3}
"""


@pytest.mark.slow
def test_overlay_replaces_a_skill_whole_and_adds_a_role(tmp_path, write, catalog):
    path = write(tmp_path, "ours.yaml", OVERLAY)
    merged = load_catalog(["default", path])
    skill = merged.skills["prompt-engineering"]
    assert skill.name == "Prompt craft"
    assert [r.title for r in skill.resources] == ["Our in-house prompt clinic"]
    assert skill.demand is None  # replaced whole, not merged field by field
    assert merged.find_skill("prompt craft") == "prompt-engineering"
    assert merged.find_skill("prompting") is None  # the old alias went with the old entry
    assert merged.roles["prompt-lead"].name == "Prompt lead"
    assert set(catalog.roles) < set(merged.roles)
    assert len(merged.skills) == 22


def test_later_file_wins_by_id(tmp_path, write):
    one = write(tmp_path, "one.yaml", SMALL)
    two = write(tmp_path, "two.yaml", "skills:\n  - id: alpha\n    name: Alpha Two\n")
    assert load_catalog([one, two]).skills["alpha"].name == "Alpha Two"
    assert load_catalog([two, one]).skills["alpha"].name == "Alpha"


def test_folder_of_files_is_read_in_name_order(tmp_path, write):
    write(tmp_path, "cat/10-base.yaml", SMALL)
    write(
        tmp_path,
        "cat/20-more.json",
        '{"skills": [{"id": "gamma", "name": "Gamma"}], "roles": [{"id": "r2", "name": "R2", '
        '"requires": {"gamma": 1}}]}',
    )
    write(tmp_path, "cat/30-names.toml", '[[skills]]\nid = "alpha"\nname = "Alpha renamed"\n')
    write(tmp_path, "cat/notes.txt", "ignored: not a catalog extension\n")
    merged = load_catalog([tmp_path / "cat"])
    assert set(merged.skills) == {"alpha", "beta", "gamma"}
    assert merged.skills["alpha"].name == "Alpha renamed"
    assert set(merged.roles) == {"tester", "r2"}
    assert [p.rsplit("/", 1)[-1] for p in merged.files] == ["10-base.yaml", "20-more.json", "30-names.toml"]


def test_empty_folder_and_missing_path(tmp_path):
    (tmp_path / "empty").mkdir()
    for spec in (tmp_path / "empty", tmp_path / "nope.yaml"):
        with pytest.raises(UpskillError) as info:
            load_catalog([spec])
        assert str(spec) in str(info.value)


def test_role_weights_and_prerequisites_are_read(tmp_path, write):
    small = load_catalog([write(tmp_path, "small.yaml", SMALL)])
    requirements = {r.skill: (r.level, r.weight) for r in small.roles["tester"].requires}
    assert requirements == {"alpha": (2, 1.0), "beta": (3, 1.5)}
    assert [(p.skill, p.level) for p in small.skills["beta"].prerequisites] == [("alpha", 1)]


def test_prerequisite_as_a_bare_id_defaults_to_level_2(tmp_path, write):
    text = SMALL.replace("prerequisites: [{skill: alpha, level: 1}]", "prerequisites: [alpha]")
    small = load_catalog([write(tmp_path, "small.yaml", text)])
    assert [(p.skill, p.level) for p in small.skills["beta"].prerequisites] == [("alpha", 2)]


# --- mistakes ------------------------------------------------------------------------------------


def test_prerequisite_cycle_names_every_skill_on_it(tmp_path, write):
    text = """\
skills:
  - id: aa
    name: AA
    prerequisites: [cc]
  - id: bb
    name: BB
    prerequisites: [aa]
  - id: cc
    name: CC
    prerequisites: [bb]
  - id: dd
    name: DD
    prerequisites: [aa]
"""
    problem = one_problem(tmp_path, write, text, base=False)
    assert "prerequisite cycle" in problem
    cycle = problem.split("prerequisite cycle: ")[1].split(";")[0].split(" -> ")
    assert set(cycle) == {"aa", "bb", "cc"}
    assert cycle[0] == cycle[-1]
    assert "dd" not in cycle


def test_two_skill_cycle(tmp_path, write):
    text = "skills:\n  - {id: aa, name: AA, prerequisites: [bb]}\n  - {id: bb, name: BB, prerequisites: [aa]}\n"
    problem = one_problem(tmp_path, write, text, base=False)
    assert "aa" in problem and "bb" in problem and "cycle" in problem


def test_skill_cannot_be_its_own_prerequisite(tmp_path, write):
    text = "skills:\n  - {id: aa, name: AA, prerequisites: [aa]}\n"
    assert "own prerequisite" in one_problem(tmp_path, write, text, base=False)


@pytest.mark.slow
def test_unknown_prerequisite_suggests_the_closest(tmp_path, write):
    text = "skills:\n  - id: newskill\n    name: New\n    prerequisites: [{skill: prompt-engineerin, level: 2}]\n"
    problem = one_problem(tmp_path, write, text)
    assert "unknown prerequisite skill 'prompt-engineerin'" in problem
    assert "did you mean 'prompt-engineering'?" in problem
    assert ":4:" in problem


@pytest.mark.slow
def test_unknown_role_skill_suggests_the_closest(tmp_path, write):
    text = "roles:\n  - id: r\n    name: R\n    requires:\n      comunication: 3\n"
    problem = one_problem(tmp_path, write, text)
    assert "unknown skill 'comunication'" in problem
    assert "did you mean 'communication'?" in problem
    assert ":5:7: roles.r.requires.comunication" in problem


@pytest.mark.parametrize(
    "value,expected",
    [
        ("7", "a number (7) is not a level"),
        ("-1", "a number (-1) is not a level"),
        ("expertt", "did you mean 'expert'?"),
        ("Advanced", None),
    ],
)
def test_role_level_outside_the_scale(tmp_path, write, value, expected):
    text = f"roles:\n  - id: r\n    name: R\n    requires:\n      communication: {value}\n"
    if expected is None:
        path = write(tmp_path, "ours.yaml", text)
        assert load_catalog(["default", path]).roles["r"].requires[0].level == 4
        return
    problem = one_problem(tmp_path, write, text)
    assert expected in problem
    assert "use 0-5 or none, awareness, beginner, intermediate, advanced, expert" in problem


@pytest.mark.slow
def test_unknown_keys_are_named_with_a_suggestion(tmp_path, write):
    top = one_problem(tmp_path, write, "skils: []\n", name="a.yaml")
    assert "unknown key 'skils' (did you mean 'skills'?)" in top
    text = (
        "skills:\n  - id: newskill\n    name: New\n    desciption: typo\n"
        "    resources:\n      - {title: T, kind: formal, hours: 1, from: 0, to: 1, price: 3}\n"
    )
    found = problems_of(tmp_path, write, text, name="b.yaml")
    assert any("unknown key 'desciption' (did you mean 'description'?)" in p for p in found), found
    assert any("skills.newskill.resources[0].price: unknown key 'price'" in p for p in found), found


def test_resource_hours_must_be_positive(tmp_path, write):
    text = (
        "skills:\n  - id: newskill\n    name: New\n    resources:\n"
        "      - {title: T, kind: formal, hours: -4, from: 0, to: 1}\n"
    )
    problem = one_problem(tmp_path, write, text)
    assert "hours: must be greater than 0, found -4" in problem


@pytest.mark.slow
def test_resource_from_must_be_below_to(tmp_path, write):
    for low, high in ((2, 2), (3, 1)):
        text = (
            "skills:\n  - id: newskill\n    name: New\n    resources:\n"
            f"      - {{title: T, kind: formal, hours: 4, from: {low}, to: {high}}}\n"
        )
        assert f"'from' ({low}) must be below 'to' ({high})" in one_problem(tmp_path, write, text)


@pytest.mark.slow
def test_unknown_resource_kind_suggests(tmp_path, write):
    text = (
        "skills:\n  - id: newskill\n    name: New\n    resources:\n      - {title: T, kind: formel, hours: 4, to: 1}\n"
    )
    assert "did you mean 'formal'?" in one_problem(tmp_path, write, text)


@pytest.mark.slow
def test_every_problem_in_a_file_is_reported(tmp_path, write):
    text = """\
roles:
  - id: r
    name: R
    requires:
      comunication: 3
      coaching: 9
      prompting: expertt
"""
    found = problems_of(tmp_path, write, text)
    assert len(found) == 3, found


def test_demand_must_cite_a_known_source(tmp_path, write):
    text = "skills:\n  - id: newskill\n    name: New\n    demand: {score: 0.5, source: hr-brew}\n"
    problem = one_problem(tmp_path, write, text)
    assert "unknown source 'hr-brew'" in problem


@pytest.mark.slow
def test_demand_score_is_between_0_and_1(tmp_path, write):
    text = "skills:\n  - id: newskill\n    name: New\n    demand: {score: 1.5}\n"
    assert "between 0 and 1" in one_problem(tmp_path, write, text)


@pytest.mark.slow
def test_names_must_stay_unique_across_skills(tmp_path, write):
    text = "skills:\n  - id: newskill\n    name: New\n    aliases: [Prompting]\n"
    problem = one_problem(tmp_path, write, text)
    assert "names and aliases must be unique" in problem
    assert "prompting" in problem.lower() and "newskill" in problem and "prompt-engineering" in problem


def test_bad_ids_and_duplicates_in_one_file(tmp_path, write):
    text = "skills:\n  - {id: Bad Id, name: X}\n  - {id: twice, name: T1}\n  - {id: twice, name: T2}\n"
    found = problems_of(tmp_path, write, text, base=False)
    assert any("'Bad Id' is not a valid id" in p and "'bad-id'" in p for p in found), found
    assert any("'twice' is defined twice" in p for p in found), found


def test_a_broken_file_among_several_is_named(tmp_path, write):
    good = write(tmp_path, "good.yaml", SMALL)
    bad = write(tmp_path, "bad.yaml", "skills: [\n")
    with pytest.raises(UpskillError) as info:
        load_catalog([good, bad])
    assert [p.file for p in info.value.problems] == [str(bad)]


# --- a custom scale ------------------------------------------------------------------------------

SCALED = """\
scale: [novice, competent, proficient]
skills:
  - id: alpha
    name: Alpha
    resources:
      - {title: Alpha course, kind: formal, hours: 5, from: novice, to: proficient}
roles:
  - id: r
    name: R
    requires: {alpha: Competent}
"""


def test_custom_scale_names_levels(tmp_path, write):
    scaled = load_catalog([write(tmp_path, "scaled.yaml", SCALED)])
    assert scaled.scale.names == ("novice", "competent", "proficient")
    assert scaled.scale.max_level == 2
    assert scaled.roles["r"].requires[0].level == 1
    assert (scaled.skills["alpha"].resources[0].from_level, scaled.skills["alpha"].resources[0].to_level) == (0, 2)


def test_custom_scale_bounds_levels(tmp_path, write):
    text = SCALED.replace("{alpha: Competent}", "{alpha: 3}")
    problem = one_problem(tmp_path, write, text, base=False)
    assert "a number (3) is not a level; use 0-2 or novice, competent, proficient" in problem


@pytest.mark.parametrize("scale", ["[only]", "[a, A]", "[a, 2]", "levels"])
def test_bad_scale(tmp_path, write, scale):
    problem = one_problem(tmp_path, write, f"scale: {scale}\n", base=False)
    assert "scale" in problem


def test_priority_weights_and_defaults_from_a_catalog(tmp_path, write):
    path = write(
        tmp_path,
        "w.yaml",
        SMALL + "priority_weights: {demand: 0, unlocks: 1}\ndefaults: {hours_per_week: 6, hours_per_level: 12}\n",
    )
    loaded = load_catalog([path])
    assert (loaded.weights.gap, loaded.weights.demand, loaded.weights.unlocks) == (2.0, 0.0, 1.0)
    assert (loaded.hours_per_week, loaded.hours_per_level) == (6.0, 12.0)


def test_bad_weights_and_defaults(tmp_path, write):
    found = problems_of(
        tmp_path, write, "priority_weights: {gap: -1, demand: x}\ndefaults: {hours_per_week: 0}\n", base=False
    )
    assert len(found) == 3, found


# --- the bundled catalog's content (docs/catalog.md) -------------------------------------------

DEMAND_BANDS = {0.95, 0.85, 0.75, 0.5}  # the bands documented in docs/catalog.md and skills.yaml


def test_every_skill_says_what_each_level_can_do(catalog):
    for skill in catalog.skills.values():
        descriptors = skill.levels[1:]
        assert len(descriptors) == catalog.scale.max_level, skill.id
        assert all(d.startswith("can ") for d in descriptors), skill.id
        assert len(set(descriptors)) == len(descriptors), skill.id


def test_every_resource_says_where_its_hours_come_from(catalog):
    for skill in catalog.skills.values():
        for r in skill.resources:
            assert r.hours_basis.startswith(("provider: ", "estimate: ")), (skill.id, r.title)


def test_demand_scores_follow_the_documented_bands(catalog):
    """Identical evidence, identical score: a score is one of the bands, and the same wording
    (soft skills called crucial or necessary, say) lands in the same band."""
    for skill in catalog.skills.values():
        assert skill.demand is not None and skill.demand.score in DEMAND_BANDS, skill.id
    soft = {s.demand.score for s in catalog.skills.values() if s.category == "soft-skill" and s.demand}
    assert soft == {0.75}


def test_citations_say_what_the_sources_say(catalog):
    figures = [s.demand.figure for s in catalog.skills.values() if s.demand and s.demand.figure]
    rise = [f for f in figures if "1,000%" in f]
    assert rise and all("over 1,000%" in f and "same period a year earlier" in f for f in rise)
    # The source says prompt engineering and AI in workflows "continue to dominate", not that they lead.
    assert not any(re.search(r"\b(lead|leads|leading)\b", f) for f in figures)
    roles = (CATALOG_DIR / "roles.yaml").read_text(encoding="utf-8")
    assert "first" not in roles  # the source gives no order for upskilling mid-level employees


def test_new_skills_sit_where_the_sources_and_roles_need_them(catalog):
    assert catalog.skills["ai-output-oversight"].category == "ai-in-every-role"
    assert catalog.skills["learning-to-learn"].category == "soft-skill"  # a personal skill: the manager supports it
    assert catalog.skills["python-programming"].category == "ai-lifecycle"
    for dependent in ("ai-modelling", "ai-chatbot-development"):
        levels = {p.skill: p.level for p in catalog.skills[dependent].prerequisites}
        assert levels.get("python-programming") in (2, 3), dependent
    for role in catalog.roles.values():
        assert "ai-output-oversight" in {r.skill for r in role.requires}, role.id
    for role_id in ("ml-engineer", "ai-chatbot-developer"):
        assert "python-programming" in {r.skill for r in catalog.roles[role_id].requires}, role_id
