"""Evidence on on-the-job activities and a credential's parts (issue 25, part 4): every experience
activity of the bundled catalog says what it produces, the criterion and who reviews it (the
manager among them); `evidence` is for experience resources only; `needs` names resources of the
same skill; ICF's ACC route is cited."""

from __future__ import annotations

import pytest
import yaml

from tests.helpers import CATALOG_DIR
from upskill.errors import UpskillError
from upskill.load.catalog import load_catalog


def test_every_on_the_job_activity_has_evidence_naming_the_manager(catalog):
    missing = [
        (s.id, r.title)
        for s in catalog.skills.values()
        for r in s.resources
        if r.kind == "experience" and "manager" not in r.evidence
    ]
    assert missing == []


def test_evidence_on_a_course_is_a_located_error(tmp_path, write):
    text = """\
skills:
  - id: guard
    name: Guard
    resources:
      - {title: G, kind: formal, hours: 5, from: 0, to: 3, evidence: "a certificate"}
"""
    with pytest.raises(UpskillError) as info:
        load_catalog(["default", write(tmp_path, "ours.yaml", text)])
    (problem,) = info.value.problems
    assert "ours.yaml:5" in str(problem) and "on-the-job" in str(problem)


def test_needs_must_name_a_resource_of_the_skill(tmp_path, write):
    text = """\
skills:
  - id: guard
    name: Guard
    resources:
      - {title: Course, kind: formal, hours: 5, from: 0, to: 2}
      - {title: Job, kind: experience, hours: 5, from: 0, to: 3, needs: [Corse]}
"""
    with pytest.raises(UpskillError) as info:
        load_catalog(["default", write(tmp_path, "ours.yaml", text)])
    (problem,) = info.value.problems
    assert "ours.yaml:6" in str(problem) and "'Corse'" in str(problem)
    with pytest.raises(UpskillError) as info:
        load_catalog(["default", write(tmp_path, "number.yaml", text.replace("[Corse]", "[3]"))])
    assert "number.yaml:6" in str(info.value.problems[0]) and "resource titles" in str(info.value.problems[0])
    good = load_catalog(["default", write(tmp_path, "good.yaml", text.replace("[Corse]", "[Course]"))])
    assert good.skills["guard"].resources[1].needs == ("Course",)


def test_the_acc_route_is_cited_to_icf():
    sources = yaml.safe_load((CATALOG_DIR / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    icf = next(s for s in sources if s["id"] == "icf-acc")
    assert icf["publisher"] == "International Coaching Federation" and icf["date"]
    for figure in ("60 h", "100 h", "8 clients", "75 h", "10 h", "performance evaluation", "Exam"):
        assert figure in icf["note"], figure
