"""Front matter that YAML parsers read whatever a name holds: characters JSON leaves raw and YAML refuses."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from tests.helpers import EXAMPLES, START
from upskill.api import build_plan, read_profile
from upskill.render import Extras, render_plan


@pytest.mark.parametrize("char", ["\u0080", "\u007f", "\ufffe", "\uffff", "\u009f", "\u0085", "\u2028", "\ufeff"])
def test_front_matter_with_characters_yaml_refuses_still_parses(catalog, char):
    profile = read_profile(EXAMPLES / "ana-ruiz.yaml", catalog)
    plan = build_plan(profile, catalog, start=date.fromisoformat(START))
    name = f"Ana{char}Ruiz"
    plan = plan._replace(
        employee=plan.employee._replace(name=name, id=f"E{char}1"), role=plan.role._replace(name=f"Role{char}")
    )
    text = render_plan(plan, catalog, "markdown", extras=Extras(front_matter=True))
    block = text[4:].partition("\n---\n")[0]
    assert char not in block  # written as an escape, so every YAML parser reads it
    data = yaml.safe_load(block)  # raised ReaderError ("special characters are not allowed") before
    assert data["title"] == f"Learning plan: {name} (E{char}1)"
    assert data["employee"] == f"E{char}1" and data["target_role_name"] == f"Role{char}"
