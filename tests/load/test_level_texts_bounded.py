"""The memos of level texts keep only short texts: a level cell padded to megabytes is read, never kept."""

from upskill.load import fields
from upskill.load.fields import text_level
from upskill.load.rosters import sources


def test_a_long_text_naming_a_level_is_read_but_not_kept(catalog):
    scale = catalog.scale
    long = "advanced" + " " * 100_000
    assert text_level(long, scale) == text_level("advanced", scale)
    assert long not in fields._text_levels(scale)
    assert "advanced" in fields._text_levels(scale)


def test_a_long_roster_cell_is_read_but_not_kept():
    sources._short_level_cell.cache_clear()
    long = "3" + "," + "0" * 100_000
    assert sources._level_cell(long) == "3"
    assert sources._short_level_cell.cache_info().currsize == 0
    assert sources._level_cell("3,0") == "3"
    assert sources._short_level_cell.cache_info().currsize == 1
