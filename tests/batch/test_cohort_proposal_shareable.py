"""The group trainings proposed when the plans were not scheduled together (`--no-sessions`) count only
what people can take together: never one's own on-the-job work or one-to-one coaching (issue 26's
complaint of 3,420 h "saved" on personal coaching), and their dates allow a usual weekly learning time."""

from __future__ import annotations

from datetime import date

from tests.batch.test_team_session_actions import _team
from upskill.load.catalog import load_catalog
from upskill.planning.sessions import shareable


def test_the_proposal_lists_and_counts_only_shareable_activities(runner, tmp_path):
    team = _team(runner, tmp_path, "--no-sessions")
    catalog = load_catalog()
    assert team["cohorts"], "eight people with the same gaps make a proposed group training"
    for cohort in team["cohorts"]:
        resources = {r.title: r for r in catalog.skills[cohort["skill"]].resources}
        picked = [resources[title] for title in cohort["activities"]]
        assert picked and all(shareable(r) for r in picked), cohort["activities"]
        assert cohort["hours"] == round(sum(r.hours for r in picked), 2)
        weeks = (date.fromisoformat(cohort["end"]) - date.fromisoformat(cohort["start"])).days // 7 + 1
        assert cohort["hours"] <= weeks * catalog.hours_per_week, "no 30-hour course proposed for one week"
    for action in (a for a in team["actions"] if a["kind"] == "training"):
        assert action["figure"] <= sum(c["hours"] * c["size"] for c in team["cohorts"] if c["skill"] == action["skill"])
