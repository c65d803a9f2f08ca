"""The command lines and flags the docs show are the commands' real options, both ways.

The commands are read from the click group itself (not from a list kept here), so the test stays
right when options move between modules or option groups. Docs to code: every flag on an
`upskill COMMAND ...` line in README, CONTRIBUTING or docs/ exists on that command (README once
gave `batch` a `--group-by`, which exits 2), a listed `--format` value is one of its choices, a flag
in a section whose heading names a command is that command's, and any other flag is some
command's. Code to docs: every option of every command is on one of its command lines in README
(the command reference) or in a docs/ section about the command, so a new option cannot ship
undocumented.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import click
import pytest

from tests.helpers import ROOT
from upskill.cli import cli

DOCS = ["README.md", "CONTRIBUTING.md", *(p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "docs").glob("*.md")))]

# `upskill` as a command word: at the start, after a space, a backtick, `/` (.venv/bin/upskill) or `$ `,
# and not `upskill.toml`, `[tool.upskill]`, `upskill/` or `.upskill-manifest`.
COMMAND = re.compile(r"(?:^|(?<=[\s`/$(]))upskill(?=\s|$|`)")
FLAG = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
# Where a shell line stops being upskill's: a comment, a redirection, a pipe into another program
# (` | jq`; a synopsis's ` | --no-config` is an alternative, not a pipe), `&&`, `;`, a closing quote.
SHELL_END = re.compile(r"\s#|\s[<>]|\s\|\s+(?!-)|&&|;|[\"']\)")


@dataclass(frozen=True)
class Mention:
    """One command line in a document: where it is, the command path it names, its flags."""

    where: str
    path: tuple[str, ...]
    flags: tuple[str, ...]
    text: str


def _commands() -> dict[tuple[str, ...], click.Command]:
    """Every command and group, by its path under `upskill` (() is the group itself)."""
    found: dict[tuple[str, ...], click.Command] = {}

    def walk(path: tuple[str, ...], command: click.Command) -> None:
        found[path] = command
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk((*path, name), sub)

    walk((), cli)
    return found


COMMANDS = _commands()


# `-h` and `--help`, which every command takes. Read from the group's settings, not from
# `get_params`: that builds (and click caches) a help option from a context without the group's
# settings, and `upskill -h` would then stop working for the rest of the test session.
HELP = frozenset(cli.context_settings["help_option_names"])


def _options(command: click.Command) -> dict[str, click.Option | None]:
    """Every spelling of every option (`-o`, `--output`, `--color`, `--no-color`); help's as None."""
    spelled: dict[str, click.Option | None] = dict.fromkeys(HELP)
    for param in command.params:
        if isinstance(param, click.Option):
            for name in (*param.opts, *param.secondary_opts):
                spelled[name] = param
    return spelled


def _code(text: str) -> Iterator[tuple[int, str, bool]]:
    """(line number, code, fenced) for each fenced code line and each inline code span in prose."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            yield number, line, True
        else:
            for span in re.findall(r"`([^`]+)`", line):
                yield number, span, False


def _lines_of_commands(name: str) -> Iterator[tuple[int, str]]:
    """Each command line of a document, with the continuation lines of a synopsis or a `\\` joined on."""
    text = (ROOT / name).read_text(encoding="utf-8")
    current: tuple[int, str] | None = None
    for number, code, fenced in _code(text):
        starts = COMMAND.search(code)
        continues = fenced and current is not None and (current[1].endswith("\\") or re.match(r"\s+[-\[]", code))
        if continues and current is not None and not starts:
            current = (current[0], current[1].rstrip("\\") + " " + code.strip())
            continue
        if current is not None:
            yield current
            current = None
        if starts:
            current = (number, code[starts.start() :])
            if not fenced:
                yield current
                current = None
    if current is not None:
        yield current


def _resolve(words: list[str]) -> tuple[tuple[str, ...], list[str], list[str]]:
    """(command path, the group's own words before it, the words after it) for the words after `upskill`."""
    path: tuple[str, ...] = ()
    group_words: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        command = COMMANDS[path]
        if path == () and word.startswith("-"):  # `upskill --config FILE plan ...`
            option = _options(cli).get(word.split("=")[0])
            takes_value = option is not None and not option.is_flag and "=" not in word
            group_words += words[index : index + 1 + takes_value]
            index += 1 + takes_value
        elif isinstance(command, click.Group) and word in command.commands:
            path = (*path, word)
            index += 1
        else:
            break
    return path, group_words, words[index:]


def _mentions() -> list[Mention]:
    found = []
    for name in DOCS:
        for number, line in _lines_of_commands(name):
            line = SHELL_END.split(line, maxsplit=1)[0]
            words = line.replace("[", " ").replace("]", " ").split()[1:]
            path, group_words, rest = _resolve(words)
            flags = [f for w in rest for f in _flags_in(w)]
            found.append(Mention(f"{name}:{number}", path, tuple(flags), line))
            group = [f for w in group_words for f in _flags_in(w)]
            if group:  # the flags before the command are the group's
                found.append(Mention(f"{name}:{number}", (), tuple(group), line))
    return found


def _flags_in(word: str) -> list[str]:
    """`--color/--no-color` -> both; `--weight=3` or `--weight TERM=N` -> `--weight`; `-o` -> `-o`."""
    return [m.group(1) for part in word.split("/") if (m := FLAG.match(part.split("=")[0]))]


MENTIONS = _mentions()


def test_the_docs_name_every_command_and_many_command_lines():
    """The extraction itself finds its subject: a broken pattern must not pass by finding nothing."""
    named = {m.path for m in MENTIONS}
    assert set(COMMANDS) - {("catalog",)} <= named, set(COMMANDS) - named
    assert len(MENTIONS) > 60
    assert any(m.path == ("batch",) and "--template" in m.flags for m in MENTIONS)


@pytest.mark.parametrize("mention", MENTIONS, ids=lambda m: f"{m.where}:{' '.join(m.path) or 'upskill'}")
def test_every_flag_a_command_line_shows_exists_on_that_command(mention):
    known = _options(COMMANDS[mention.path])
    unknown = [flag for flag in mention.flags if flag not in known]
    command = " ".join(("upskill", *mention.path))
    assert not unknown, f"{mention.where}: `{command}` has no option {', '.join(unknown)}: {mention.text}"


def test_every_format_a_synopsis_lists_is_a_choice():
    """`[--format table|markdown|json]`: each listed value is accepted (click exits 2 on any other)."""
    checked = 0
    for mention in MENTIONS:
        options = _options(COMMANDS[mention.path])
        for flag, values in re.findall(r"(--[\w-]+)[ =]([\w-]+(?:\|[\w-]+)+)", mention.text):
            option = options.get(flag)
            if option is None or not isinstance(option.type, click.Choice):
                continue
            checked += 1
            wrong = set(values.split("|")) - {str(c) for c in option.type.choices}
            assert not wrong, f"{mention.where}: {flag} of `upskill {' '.join(mention.path)}` accepts no {wrong}"
    assert checked >= 5


def test_every_flag_the_prose_names_exists_on_some_command():
    """A flag in running text (`--group-by department` ...) is an option of at least one command."""
    every = {flag for command in COMMANDS.values() for flag in _options(command)}
    for name in DOCS:
        if name == "docs/performance.md":  # names the flags of scripts/bench*.py, valgrind and time too
            continue
        text = (ROOT / name).read_text(encoding="utf-8")
        for number, code, fenced in _code(text):
            if fenced or COMMAND.search(code) or not code.startswith("-"):
                continue
            for flag in _flags_in(code.split()[0]):
                assert flag in every, f"{name}:{number}: `{code}` is no option of any upskill command"


def _sections_about(path: tuple[str, ...]) -> str:
    """The text of every docs/ section whose heading names `upskill PATH` (up to the next heading as high)."""
    command = re.compile(rf"`upskill {' '.join(path)}(?=[\s`])")
    taken = []
    for doc in sorted((ROOT / "docs").glob("*.md")):
        level = 0
        for line in doc.read_text(encoding="utf-8").splitlines():
            heading = re.match(r"(#+)\s", line)
            if heading and (level == 0 or len(heading.group(1)) <= level):
                level = len(heading.group(1)) if command.search(line) else 0
            if level:
                taken.append(line)
    return "\n".join(taken)


def _readme_reference() -> dict[tuple[str, ...], set[str]]:
    """The flags README's command lines give each command, a synopsis's `(and batch's roster options)`
    standing for the flags README gives that other command."""
    shown: dict[tuple[str, ...], set[str]] = {}
    refers: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for mention in MENTIONS:
        if mention.where.startswith("README.md:"):
            shown.setdefault(mention.path, set()).update(mention.flags)
            for words in re.findall(r"\(and ([^)]*) options\)", mention.text):
                named = {(w,) for w in re.findall(r"(\w+)'s", words)} & set(COMMANDS)
                refers.setdefault(mention.path, set()).update(named)
    for path, others in refers.items():
        for other in others:
            shown[path] |= shown.get(other, set())
    return shown


def test_every_option_of_every_command_is_documented():
    """A new option gets documented: on one of its command's lines in README (the command reference),
    or in a docs/ section whose heading names the command (docs/taxonomies.md for `catalog import`)."""
    shown = _readme_reference()
    missing = []
    for path, command in COMMANDS.items():
        about = _sections_about(path) if path else ""
        for option in command.params:
            if not isinstance(option, click.Option):
                continue
            names = [*option.opts, *option.secondary_opts]
            if any(n in shown.get(path, ()) for n in names):
                continue
            if not any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", about) for n in names):
                missing.append(f"upskill {' '.join(path)} {'/'.join(names)}".replace("  ", " "))
    assert not missing, "options README's command reference and docs/ leave out: " + "; ".join(missing)


def _headed_spans(name: str) -> Iterator[tuple[int, str, set[tuple[str, ...]]]]:
    """Each prose code span of a document with the commands its section's heading names (`upskill X`)."""
    text = (ROOT / name).read_text(encoding="utf-8")
    heading_at = {n: line for n, line in enumerate(text.splitlines(), 1) if re.match(r"#+\s", line)}
    stack: list[tuple[int, set[tuple[str, ...]]]] = []  # (heading level, commands named) of the open sections
    last = 0
    for number, code, fenced in _code(text):
        for n in range(last + 1, number + 1):
            if n in heading_at:
                level = len(heading_at[n]) - len(heading_at[n].lstrip("#"))
                stack = [s for s in stack if s[0] < level]
                named = {_resolve(m.split()[1:])[0] for m in re.findall(r"`(upskill [^`]*)`", heading_at[n])}
                stack.append((level, named - {()}))
        last = number
        commands = next((s[1] for s in reversed(stack) if s[1]), set())
        if commands and not fenced and code.startswith("-"):
            yield number, code, commands


def test_every_flag_a_section_about_a_command_names_is_that_command_s():
    """Under a heading that names `upskill team`, `--group-by` is team's; under `upskill batch`, batch's."""
    checked = 0
    for name in DOCS:
        for number, code, commands in _headed_spans(name):
            for flag in _flags_in(code.split()[0]):
                checked += 1
                # the group's own flags (`--config FILE`) go with every command
                owners = [p for p in (*commands, ()) if flag in _options(COMMANDS[p])]
                named = ", ".join(sorted(f"upskill {' '.join(p)}" for p in commands))
                assert owners, f"{name}:{number}: `{code}` is in a section about {named}, which has no {flag}"
    assert checked > 40
