"""The team report at scale: members kept in a temporary file (store.py), duplicates found by hash,
and past READABLE people a rollup that only counts, with the same figures as one that lists people.
"""

from __future__ import annotations

import csv
import json
import random
import re
import tracemalloc
from datetime import date

import pytest

import upskill.batch.store as store_module
import upskill.planning.team as team_module
from tests.helpers import START, member
from upskill.batch.store import MemberStore
from upskill.cli import cli
from upskill.planning.actions import training_groups
from upskill.planning.team import TeamSettings, build_team
from upskill.render.team import render_team

SKILLS = ["data-mining", "data-annotation", "prompt-engineering", "communication", "deep-learning", "coaching"]
GROUPS = ["Finance", "Sales", "Operations", ""]
ROLES = ["ai-content-strategist", "data-annotation-specialist", "ml-engineer"]


def workforce(catalog, n, seed=7):
    rng = random.Random(seed)
    people = []
    for i in range(n):
        skills = rng.sample(SKILLS, rng.randint(1, len(SKILLS)))
        levels = {}
        for s in skills:
            current = rng.randint(0, 4)
            levels[s] = (current, rng.choice([0, current, min(4, current + rng.randint(1, 3))]))
        steps = {
            s: (round(rng.uniform(2, 60), 2), rng.choice([0.0, 0.0, round(rng.uniform(0, 10), 2)])) for s in skills
        }
        unrated = tuple(s for s in skills if levels[s][0] == 0 and rng.random() < 0.5)
        people.append(
            member(
                catalog,
                f"E{rng.randrange(10**6):06}-{i}",
                levels,
                role=rng.choice(ROLES),
                steps=steps,
                not_assessed=unrated,
                group=rng.choice(GROUPS),
            )
        )
    return people


def in_store(people):
    kept = MemberStore()
    for i, m in enumerate(people):
        kept.append(m, f"roster.csv:{i + 2}")
    return kept


def trainings(sessions):
    """A group training whatever its entries: one per session (people listed) or one for all (a head count)."""
    first = sessions[0]
    return (
        first._replace(members=(), session=0, size=0),  # sessions (the count) is kept
        sum(c.size for c in sessions),
    )


def figures(team):
    """Everything the rollup found, except the lists of people a team too large to list leaves empty."""
    return (
        team.columns,
        team.rows,
        team.single_points,
        team.bridges,
        team.totals,
        team.hidden,
        team.hidden_bridges,
        team.left_out,
        [trainings(group) for group in training_groups(team.cohorts)],
        [(g.name, figures(g.team)) for g in team.groups],
        team.hidden_groups,
    )


@pytest.mark.parametrize(
    "settings",
    [
        {"min_group": 5},
        {"min_group": 1, "cohort_max": 40},
        {"min_group": 5, "anonymize": True, "key": "k"},
        {"min_group": 5, "group_by": "department", "start": date(2027, 1, 4)},
    ],
)
def test_counting_rollup_gives_the_same_figures_as_listing_people(catalog, monkeypatch, settings):
    people = workforce(catalog, 700)
    counted = build_team(in_store(people), catalog, TeamSettings(**settings))
    monkeypatch.setattr(team_module, "READABLE", 10_000)
    listed = build_team(people, catalog, TeamSettings(**settings))
    assert figures(counted) == figures(listed)
    assert not any(c.members for c in counted.cohorts) and any(c.members for c in listed.cohorts)
    assert [a.figure for a in counted.actions] == [a.figure for a in listed.actions]
    sizes = {(c.skill, c.low): c.size for c in listed.cohorts if c.sessions > 1 and c.session == 1}
    split = [c for c in counted.cohorts if (c.skill, c.low) in sizes]
    assert len(split) == len(sizes) and all(
        c.session == 0 and c.size // c.sessions <= sizes[c.skill, c.low] for c in split
    )
    # Per-person outputs are the same, in the same order, whichever way the rollup went
    assert list(counted.members) == list(listed.members) and list(counted.people) == list(listed.people)
    employees = [json.loads(render_team(t, "json"))["employees"] for t in (counted, listed)]
    assert employees[0] == employees[1]
    assert render_team(counted, "csv", "gaps") == render_team(listed, "csv", "gaps")


def test_a_large_team_grouped_by_department_has_a_heatmap_row_per_department(catalog):
    team = build_team(in_store(workforce(catalog, 700)), catalog, TeamSettings(group_by="department"))
    markdown = render_team(team, "markdown")
    heatmap = markdown.split("## Heatmap")[1].split("\n## ")[0]
    assert "one row per department" in heatmap and "| Department | People |" in heatmap
    rows = re.findall(r"^\| (Finance|Sales|Operations|\(none given\)) \| ([\d,]+) \|", heatmap, re.M)
    assert [name for name, _ in rows] == ["Finance", "Operations", "Sales", "(none given)"]
    assert sum(int(count.replace(",", "")) for _, count in rows) == 700
    assert not re.search(r"E\d{6}-\d", heatmap)  # nobody listed


def test_the_store_finds_ids_again_ignoring_case_and_confirms_every_hash(catalog, monkeypatch):
    monkeypatch.setattr(store_module, "_hash", lambda key: 42)  # every id in one slot chain
    kept = MemberStore()
    for i in range(50):
        kept.append(member(catalog, f"E{i}", {"data-mining": (1, 3)}), f"row {i}")
    assert kept.find("e7") == 7 and kept.find("Ｅ7") == 7 and kept.find("E50") is None
    kept.drop(7)
    assert kept.is_dropped(kept.find("E7"))  # a third use is still found
    assert len(kept) == 49 and kept[7].id == "E8" and kept[-1].id == "E49"
    assert [m.id for m in kept][:8] == ["E0", "E1", "E2", "E3", "E4", "E5", "E6", "E8"]
    assert kept.record(7) == ("row 7", member(catalog, "E7", {"data-mining": (1, 3)}))


def test_the_store_grows_and_reads_back_every_member_in_order(catalog):
    people = [member(catalog, f"E{i}", {"data-mining": (i % 4, 4)}, name=f"Name {i}" * 3) for i in range(12_000)]
    kept = in_store(people)
    assert len(kept) == 12_000 and list(kept) == people  # across several read blocks
    assert all(kept.find(f"e{i}") == i for i in range(0, 12_000, 97))
    assert list(kept.labels())[:2] == ["roster.csv:2", "roster.csv:3"]


def test_rollup_memory_does_not_grow_with_the_team(catalog, monkeypatch):
    """Past READABLE people, nothing per person is held: 8 times the people, not 8 times the memory."""
    monkeypatch.setattr(store_module, "_BLOCK", 1 << 14)  # the records are read back in blocks this size

    def peak(n):
        kept = in_store(workforce(catalog, n, seed=n))
        tracemalloc.start()
        build_team(kept, catalog, TeamSettings(anonymize=True))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(1_000), peak(8_000)
    assert large < small * 1.5, (small, large)


@pytest.mark.slow
def test_a_2000_row_export_opens_with_actions_a_reader_can_check(runner, tmp_path):
    """The issue's done-when: each action's figure is found again in the section it comes from."""
    roster = tmp_path / "export.csv"
    rng = random.Random(15)
    departments = ["Finance", "Sales", "Operations", "HR"]
    with open(roster, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["Employee ID", "Full Name", "Department", "Target role", *SKILLS])
        for i in range(2000):
            levels = [rng.choice(["", "0", "1", "2", "3"]) for _ in SKILLS]
            out.writerow([f"E{i:05}", f"Person {i}", rng.choice(departments), rng.choice(ROLES), *levels])
    base = ["--no-config", "team", str(roster), "--start", START, "-j", "2", "--group-by", "department"]
    result = runner.invoke(cli, [*base, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["employees"]) == 2000 and report["actions"]
    markdown = runner.invoke(cli, [*base, "--format", "markdown"]).stdout
    assert markdown.index("## Actions") < markdown.index("## Heatmap") < markdown.index("## Skills")
    assert "one row per department" in markdown
    for action in report["actions"]:
        if action["kind"] == "training":  # "(N people − S sessions) × H h", and those sessions are listed below
            people, sessions, hours = re.search(
                r"\(([\d,]+) people − ([\d,]+) sessions?\) × ([\d,.]+) h", action["text"]
            ).groups()
            people, sessions = int(people.replace(",", "")), int(sessions.replace(",", ""))
            assert action["figure"] == pytest.approx((people - sessions) * float(hours.replace(",", "")), abs=0.01)
            listed = [c for c in report["cohorts"] if c["skill"] == action["skill"] and c["sessions"] == sessions]
            assert any(sum(c["size"] for c in listed[i : i + sessions]) == people for i in range(len(listed)))
        elif action["kind"] == "session":  # scheduled together: (people in its sessions - sessions) x hours
            listed = [
                x
                for x in report["sessions"]
                if x["skill"] == action["skill"] and f"({x['activity']})" in action["text"]
            ]
            people, count = sum(x["size"] for x in listed), len(listed)
            assert action["figure"] == pytest.approx((people - count) * listed[0]["hours"], abs=0.01)
        elif action["kind"] == "gap":
            savings = report["savings"]
            assert action["figure"] == pytest.approx(savings["planned_hours"] - savings["lower_bound_hours"], abs=0.01)
        elif action["kind"] == "outside":
            (bridge,) = [b for b in report["build_or_buy"] if b["skill"] == action["skill"]]
            assert action["figure"] == pytest.approx(float(bridge["outside_hours"]))
        else:
            (point,) = [p for p in report["single_points_of_failure"] if p["skill"] == action["skill"]]
            assert action["figure"] == point["need"] and point["holder"] is None
