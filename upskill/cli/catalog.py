"""`upskill catalog list|show|roles|import`: browse a catalog's skills and roles, or make one from O*NET or ESCO."""

from __future__ import annotations

import click

from upskill.cli import options
from upskill.cli.catalog_update import Releases, release_options
from upskill.cli.completion import complete_skills
from upskill.cli.edge import echo_out, reports_errors
from upskill.cli.options import SectionedCommand
from upskill.cli.types import PathType
from upskill.errors import Problem, UpskillError, UsageError, did_you_mean, printable


@click.group(short_help="Browse a catalog's skills and roles, or import O*NET or ESCO.")
def catalog() -> None:
    """Browse the skills and roles of a catalog, or import one from O*NET or ESCO.

    \b
    Examples:
      upskill catalog list
      upskill catalog show prompting
      upskill catalog roles --catalog default --catalog ours.yaml
      upskill catalog import onet db_29_2_text.zip --occupation 15-2051.00 -o onet.yaml
    """


# `catalog list` and `catalog roles`: aligned columns for people, JSON and CSV for other programs
LISTING_FORMATS = ("table", "markdown", "json", "csv")
_listing_format = options.format_option(
    lambda: LISTING_FORMATS,
    help="table (the default) or markdown for reading; json (docs/json.md) or csv (one row per item) for programs.",
)


@catalog.command("list")
@options.catalog
@click.option("--category", help="Only skills in this category.")
@_listing_format
@reports_errors
def catalog_list(catalogs: tuple[str, ...], category: str | None, fmt: str | None) -> None:
    """List the skills with their category and market demand.

    \b
    Examples:
      upskill catalog list --category soft-skill
      upskill catalog list --format json > skills.json
    """
    from upskill.render import catalog as listing

    found = options.load_catalogs(catalogs)
    if not found.skills:
        given = ", ".join(catalogs or ("default",))
        raise UpskillError(
            Problem(
                f"the catalog has no skills ({given}); give a catalog file with a `skills:` list, "
                "or add --catalog default for the bundled one"
            )
        )
    if fmt in (None, "table"):
        echo_out(listing.skills_listing(found, category), nl=False)
        return
    categories = sorted({s.category for s in found.skills.values() if s.category})
    if category and category not in categories:
        raise UsageError(
            Problem(
                f"--category: no skills in category '{category}'"
                f"{did_you_mean(category, categories)}; categories: {', '.join(categories)}"
            )
        )
    render = {"markdown": listing.skills_markdown, "json": listing.skills_json, "csv": listing.skills_csv}[fmt]
    echo_out(render(found, category), nl=False)


@catalog.command("show")
@click.argument("skill", shell_complete=complete_skills)
@options.catalog
@reports_errors
def catalog_show(skill: str, catalogs: tuple[str, ...]) -> None:
    """Show one skill: its demand and source, prerequisites, resources and the roles that need it.

    SKILL is a skill id, name or alias, in any case.

    \b
    Example:
      upskill catalog show prompt-engineering
    """
    from upskill.render.catalog import skill_details

    found = options.load_catalogs(catalogs)
    skill_id = found.find_skill(skill)
    if skill_id is None:
        raise UsageError(
            Problem(f"unknown skill '{skill}'{did_you_mean(skill.lower(), found.names)}; see `upskill catalog list`")
        )
    echo_out(skill_details(found, skill_id), nl=False)


@catalog.command("roles")
@options.catalog
@_listing_format
@reports_errors
def catalog_roles(catalogs: tuple[str, ...], fmt: str | None) -> None:
    """List the roles and the skill levels each requires.

    \b
    Examples:
      upskill catalog roles
      upskill catalog roles --format csv > roles.csv
    """
    from upskill.render import catalog as listing

    render = {
        "table": listing.roles_listing,
        "markdown": listing.roles_markdown,
        "json": listing.roles_json,
        "csv": listing.roles_csv,
    }[fmt or "table"]
    echo_out(render(options.load_catalogs(catalogs)), nl=False)


@catalog.command(
    "import", cls=SectionedCommand, short_help="Make a catalog of roles and skills from an O*NET or ESCO download."
)
@click.argument("taxonomy", type=click.Choice(("onet", "esco")))
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=PathType(exists=True))
@click.option(
    "--occupation",
    "occupations",
    multiple=True,
    metavar="ID_OR_TITLE",
    help="An occupation to make a role of (repeat for more): an O*NET-SOC code or title, an ESCO URI or label.",
)
@options.output_option(help="Write the catalog (YAML) to this file. Default: stdout.")
@options.catalog
@click.option(
    "--min-importance",
    type=click.FloatRange(1, 5),
    metavar="1-5",
    help="onet: leave out elements less important than this to the occupation. Default: 3.",
)
@click.option(
    "--abilities/--no-abilities",
    default=False,
    help="onet: also import Abilities.txt (most abilities cannot be learned).",
)
@click.option(
    "--level",
    metavar="LEVEL",
    help="esco: the level each imported skill requires (ESCO has none), a name or number. Default: the scale's middle.",
)
@click.option(
    "--optional",
    type=click.Choice(("exclude", "include")),
    help="esco: leave out optional skills, or require them with weight 0.5. Default: exclude.",
)
@release_options
@options.encoding
@options.strict
@reports_errors
def catalog_import(
    taxonomy: str,
    paths: tuple[str, ...],
    occupations: tuple[str, ...],
    output: str | None,
    catalogs: tuple[str, ...],
    min_importance: float | None,
    abilities: bool,
    level: str | None,
    optional: str | None,
    releases: Releases,
    encoding: str,
    strict: bool,
) -> None:
    """Make a catalog of roles and skills from the public taxonomy TAXONOMY (onet or esco).

    PATH is the download's folder, its files, or its zip, as downloaded. Each --occupation
    becomes one role; its skills map onto the bundled ones where they match (by reference or
    name), and the rest become new skills. The catalog credits its source, and overlays the
    catalog it was imported against (--catalog, default: the bundled one).

    \b
    Examples:
      upskill catalog import onet db_29_2_text.zip --occupation 15-2051.00 -o onet.yaml
      upskill catalog import esco esco-csv/ --occupation "data scientist" -o esco.yaml
      upskill catalog import esco esco-v1.2/ --update esco.yaml -o esco-v1.2.yaml
      upskill plan ana.yaml --catalog default --catalog onet.yaml --role data-scientists
    """
    import time

    from upskill.cli import catalog_update
    from upskill.cli.edge import report_problems, write_out
    from upskill.load.fields import parse_level
    from upskill.load.text import check_encoding

    started = time.perf_counter()
    given = {
        "--min-importance": min_importance,
        "--abilities": abilities or None,
        "--level": level,
        "--optional": optional,
    }
    wrong = [
        name
        for name, value in given.items()
        if value is not None and (name in ("--level", "--optional")) == (taxonomy == "onet")
    ]
    if wrong:
        raise UsageError(Problem(f"{wrong[0]} does not apply to `catalog import {taxonomy}`; see --help"))
    encoding = check_encoding(encoding)
    update = catalog_update.prepare(releases, taxonomy, catalogs, occupations)
    occupations, release = update.occupations, releases.release
    _refuse_overwrite(output, paths, catalogs, catalog_update.overwrite_inputs(releases))
    catalog_update.refuse_report(releases, output)
    _refuse_overwrite(releases.report, paths, catalogs, catalog_update.overwrite_inputs(releases), "--report")
    base = options.load_catalogs(catalogs)
    from upskill.taxonomy.tables import Report

    report = Report()
    if taxonomy == "onet":
        from upskill.taxonomy.onet import DEFAULT_MIN_IMPORTANCE, OnetOptions, import_onet

        settings = OnetOptions(
            occupations,
            min_importance or DEFAULT_MIN_IMPORTANCE,
            abilities,
            release or "",
            encoding,
            update.earlier(taxonomy),
        )
        imported = import_onet(paths, base, settings, report)
    else:
        from upskill.taxonomy.esco import EscoOptions, import_esco

        required = (base.scale.max_level + 1) // 2 if level is None else parse_level(level, base.scale)
        if not required:
            raise UsageError(Problem(f"--level: '{level}' is not a level from 1 up; use {base.scale.describe()}"))
        chosen = EscoOptions(
            occupations, required, optional or "exclude", release or "", encoding, update.earlier(taxonomy)
        )
        imported = import_esco(paths, base, chosen, report)
    report_problems(report.problems.items, strict)
    write_out(imported.text, output)
    if output is not None:
        _check_overlay(catalogs, output)
    for name, skill, how in imported.matched:
        click.echo(f"upskill: '{printable(name)}' is the catalog's skill '{skill}' (matched by {how})", err=True)
    seconds = time.perf_counter() - started
    click.echo(
        f"upskill: imported {imported.roles} role(s) and {imported.skills} new skill(s), {len(imported.matched)} "
        f"matched to existing skills ({imported.rows:,} rows read in {seconds:.1f} s)",
        err=True,
    )
    catalog_update.report(releases, taxonomy, update, imported)


def _refuse_overwrite(
    output: str | None,
    paths: tuple[str, ...],
    catalogs: tuple[str, ...],
    more: list[tuple[str, str]],
    option: str = "-o",
) -> None:
    """-o onto a file of the download (a zip, or a file in its folder), the base catalog or another input: exit 2."""
    from upskill.cli.inputs import catalog_inputs, settings_inputs
    from upskill.taxonomy.tables import Download
    from upskill.write.clash import refuse_overwrite

    if output is None:
        return
    download = sorted({entry.path for entry in Download(paths).entries.values()} | set(paths))
    refuse_overwrite(
        output,
        [
            *((path, "the download") for path in download),
            *catalog_inputs(catalogs, "the base catalog"),
            *settings_inputs(),
            *more,
        ],
        option,
    )


def _check_overlay(catalogs: tuple[str, ...], output: str) -> None:
    """Load the written catalog on top of its base, as `upskill plan` will: a failure here is a bug, said as such."""
    from upskill.load.catalog import load_catalog

    try:
        load_catalog([*(catalogs or ("default",)), output])
    except UpskillError as exc:
        raise UpskillError(
            [
                Problem(
                    "the imported catalog does not load on top of its base (please report this bug): "
                    f"{exc.problems[0]}",
                    file=output,
                )
            ]
        ) from None


def _add_resource_commands() -> None:
    """`catalog resources import` and `catalog coverage` live in cli/resources.py (this module is about taxonomies)."""
    from upskill.cli.resources import coverage, resources

    catalog.add_command(resources)
    catalog.add_command(coverage)


_add_resource_commands()
