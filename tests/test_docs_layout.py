"""CONTRIBUTING.md's layout and the figures the code's comments state stay true as the code moves."""

from __future__ import annotations

import re

from tests.helpers import ROOT

PACKAGE = ROOT / "upskill"


def _layout() -> list[str]:
    """The lines of CONTRIBUTING.md's layout block (the code block after "## Layout")."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Layout", 1)[1]
    block = section.split("```", 2)[1]
    return block.splitlines()


def _section(lines: list[str], folder: str) -> str:
    """The layout lines under `  folder/`, up to the next entry as far left; `load/rosters` is the
    `rosters/` entry within load/'s lines."""
    if "/" in folder:
        parent, _, child = folder.rpartition("/")
        return _section(_section(lines, parent).splitlines()[1:], child)
    taken: list[str] = []
    for line in lines:
        entry = re.match(r"( *)(\S+)", line)
        if entry and entry.group(2) == f"{folder}/":
            taken.append(line)
            continue
        if taken:
            if entry and len(entry.group(1)) <= len(re.match(r" *", taken[0]).group(0)):
                break
            taken.append(line)
    return "\n".join(taken)


def test_contributing_names_every_module_where_it_lives():
    """A module added (or moved) gets its line in the layout, in the folder it is in."""
    lines = _layout()
    top = "\n".join(line for line in lines if re.match(r"  \S", line))
    missing = []
    modules = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")
    assert len(modules) > 60
    for module in modules:
        folder = module.parent.relative_to(PACKAGE).as_posix()
        where = top if folder == "." else _section(lines, folder)
        assert where, f"CONTRIBUTING.md's layout has no {folder}/ entry"
        if not re.search(rf"(?<![\w/]){re.escape(module.name)}", where):
            missing.append(module.relative_to(ROOT).as_posix())
    assert not missing, "CONTRIBUTING.md's layout leaves out: " + ", ".join(missing)


def test_contributing_names_every_doc():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    docs = sorted((ROOT / "docs").glob("*.md"))
    assert docs
    missing = [d.name for d in docs if not re.search(rf"(?<![\w/-]){re.escape(d.name)}", text)]
    assert not missing, "CONTRIBUTING.md's docs/ line leaves out: " + ", ".join(missing)


def test_the_cache_states_how_many_modules_it_stats():
    """load/cache.py keys catalogs on every module of the package and says how many that is."""
    from upskill.load import cache

    stated = re.search(r"all (\d+) files", (PACKAGE / "load" / "cache.py").read_text(encoding="utf-8"))
    assert stated, "load/cache.py no longer states how many modules it stats"
    real = len(cache.code_files())
    assert abs(int(stated.group(1)) - real) <= real // 4, (
        f"load/cache.py says {stated.group(1)} files; there are {real}"
    )


def test_every_changelog_section_the_code_cites_exists():
    """`(CHANGELOG.md, "Reproducible tests")`: setup.cfg once cited a 0.2.0 the changelog never had."""
    headings = {m.strip() for m in re.findall(r"^#+ (.+)$", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)}
    files = [ROOT / "setup.cfg", ROOT / "Makefile", ROOT / "pyproject.toml", *PACKAGE.rglob("*.py")]
    cited = [
        (path.name, title)
        for path in files
        for title in re.findall(r'CHANGELOG(?:\.md)?, "([^"]+)"', path.read_text(encoding="utf-8"))
    ]
    assert cited
    for name, title in cited:
        assert title in headings, f"{name} cites CHANGELOG.md section {title!r}, which it does not have"
    text = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    for version in re.findall(r"CHANGELOG(?:\.md)?, (\d[\w.]*)", text):
        assert any(version in h for h in headings), f"setup.cfg cites CHANGELOG.md {version}, which does not exist"
