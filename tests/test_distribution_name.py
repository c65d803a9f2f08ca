"""The distribution is `upskill-planner`: `upskill` on PyPI is an unrelated project, so the install line
must never send anyone there. The import package and the command keep the name `upskill`."""

from __future__ import annotations

import configparser

from tests.helpers import ROOT


def _setup() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config


def test_the_distribution_name_is_free_of_the_clash_and_the_command_keeps_its_name():
    setup = _setup()
    assert setup["metadata"]["name"] == "upskill-planner"
    assert "upskill = upskill.cli:main" in setup["options.entry_points"]["console_scripts"]
    assert setup["options"]["packages"].split(",")[0].strip() == "upskill"


def test_the_readme_install_line_names_it_and_warns_of_the_other_project():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = next(line for line in readme.split("\n\n") if "pip install ." in line)
    assert "upskill-planner" in install
    assert "not `pip install upskill`" in install and "unrelated project" in install
