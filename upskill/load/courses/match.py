"""Which skill a course teaches, and why: the reason travels with the resource for a reviewer to accept or delete.

In order, the first that finds something wins:

1. the export's skills column (LinkedIn's classifications, Moodle's tags, a mapped column): each entry
   that is a skill's id, name or alias, or one of its `refs` (an ESCO URI, an O*NET id), names a skill,
   and the course goes to every skill so named;
2. an ESCO skill URI in the title or description that a skill's `refs` holds;
3. a skill's name or alias as whole words in the title, then in the description: the longest wins,
   so "Deep Learning Specialization" is deep learning, not a skill named "learning";
4. keywords: a skill's distinctive words in the title. Generic words (learning, introduction, course,
   skills, ...) and words in the names of several skills (ESCO's "data") never count, so "Learning to
   Learn" needs its own name and "Deep Learning" never lands there by the word "learning".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from upskill.model import Catalog

MAX_PHRASE = 8  # words in the longest name or alias looked up
COMMON = 3  # a word in this many skills' names or aliases is no keyword
GENERIC = frozenset(  # words that say how a course is taught, never what: no evidence of a skill on their own
    """
    a an and the of for to in on with by from at as or into your you how what why
    learning learn learner course courses class training lesson lessons module modules program programme
    specialization specialisation certificate certification professional career path track series
    introduction intro introductory beginner beginners intermediate advanced basics basic fundamentals
    foundations foundation essentials essential overview guide masterclass bootcamp workshop part level
    skill skills practical applied hands complete ultimate mastering master getting started new
    principles concepts techniques methods tools theory practice understanding understand
    i ii iii iv 1 2 3 4 5 101
    """.split()  # noqa: SIM905 - a list of words reads better as words
)
SKIPPABLE = frozenset(  # words of a skill's name that a course title need not repeat: little words and verbs
    """
    a an and the of for to in on with by from at as or into your
    use using apply perform manage handle execute establish define implement collect interpret integrate
    analyse analyze develop create build work carry out conduct ensure
    """.split()  # noqa: SIM905 - a list of words reads better as words
)
_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")
_ESCO_URI = re.compile(r"https?://data\.europa\.eu/esco/skill/[0-9a-f-]{36}")
_SUFFIXES = ("isation", "ation", "ments", "ment", "ing", "ics", "ical", "ies", "es", "s", "e")


class Match(NamedTuple):
    skill: str
    reason: str


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def stem(word: str) -> str:
    """A crude stem, enough for titles: visualization = visualisation = visual, statistics = statistical."""
    if len(word) <= 4:
        return word
    word = word.replace("z", "s").replace("ysis", "ys").replace("yse", "ys")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class Matcher:
    """The catalog's names, aliases, refs and keywords, indexed once; `match` is a few dict lookups per word."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.refs: dict[str, str] = {}  # a ref's value -> skill id
        named: list[tuple[str, str, str, tuple[str, ...]]] = []  # (skill, "name"/"id"/"alias", as written, words)
        counts: dict[str, set[str]] = {}  # a stem -> the skills whose names or aliases hold it
        for skill in sorted(catalog.skills.values(), key=lambda s: s.id):
            for _kind, value in skill.refs:
                self.refs.setdefault(value.strip(), skill.id)
            for how, name in (("name", skill.name), ("id", skill.id), *(("alias", a) for a in skill.aliases)):
                key = tuple(words(name.replace("-", " ")))
                named.append((skill.id, how, name, key))
                for word in key:
                    counts.setdefault(stem(word), set()).add(skill.id)
        self.distinct = {w for w, skills in counts.items() if len(skills) < COMMON and w not in GENERIC and len(w) > 1}
        self.phrases: dict[tuple[str, ...], tuple[str, str, str]] = {}  # words -> (skill, how, as written)
        self.by_word: dict[str, list[tuple[str, str, frozenset[str]]]] = {}  # stem -> (skill, name, its stems)
        self.starts: dict[str, int] = {}  # a name's first word -> the most words a name beginning with it has
        for skill_id, how, name, key in named:
            one_generic_word = len(key) == 1 and stem(key[0]) not in self.distinct  # ESCO's alias "data"
            if key and len(key) <= MAX_PHRASE and len("".join(key)) > 1 and not one_generic_word:
                self.phrases.setdefault(key, (skill_id, how, name))
                self.starts[key[0]] = max(self.starts.get(key[0], 0), len(key))
            needed = frozenset(stem(w) for w in key if w not in SKIPPABLE)
            if needed & self.distinct and how != "id":
                for word in needed:
                    self.by_word.setdefault(word, []).append((skill_id, name, needed))

    def named(self, entries: Iterable[str]) -> list[Match]:
        """The skills an explicit skills cell names (by id, name, alias or ref), in the cell's order."""
        found: dict[str, Match] = {}
        for entry in entries:
            skill = self.refs.get(entry.strip()) or self.catalog.find_skill(entry)
            if skill is not None and skill not in found:
                how = "reference" if entry.strip() in self.refs else "skill"
                found[skill] = Match(skill, f"{how} '{entry.strip()}' in the skills column")
        return list(found.values())

    def match(self, title: str, description: str) -> Match | None:
        """The one best skill for a course with no usable skills column, or None."""
        for where, text in (("title", title), ("description", description)):
            for uri in _ESCO_URI.findall(text):
                if uri in self.refs:
                    return Match(self.refs[uri], f"ESCO reference in {where}")
        for where, text in (("title", title), ("description", description)):
            found = self._phrase(words(text))
            if found is not None:
                skill, how, name = found
                return Match(skill, f"{how} '{name}' in {where}")
        return self._keywords(words(title))

    def _phrase(self, tokens: list[str]) -> tuple[str, str, str] | None:
        best: tuple[int, int, tuple[str, str, str]] | None = None  # (-length, position, match)
        starts = self.starts
        for start in range(len(tokens)):
            longest = starts.get(tokens[start])
            if longest is None:  # no name or alias begins with this word
                continue
            for length in range(min(longest, len(tokens) - start), 0, -1):
                found = self.phrases.get(tuple(tokens[start : start + length]))
                if found is not None:
                    if best is None or (-length, start) < best[:2]:
                        best = (-length, start, found)
                    break
        return best[2] if best else None

    def _keywords(self, tokens: list[str]) -> Match | None:
        """A skill whose name (or an alias) has every word in the title, in any order, generic words aside,
        one of them distinctive: "Data Cleansing Essentials" for "perform data cleansing"."""
        stems = {stem(w) for w in tokens}
        best: tuple[int, str, str] | None = None
        for word in sorted(stems & self.distinct):
            for skill_id, name, needed in self.by_word.get(word, ()):
                if needed <= stems and (best is None or (-len(needed), skill_id, name) < best):
                    best = (-len(needed), skill_id, name)
        if best is None:
            return None
        return Match(best[1], f"keywords of '{best[2]}' in title")
