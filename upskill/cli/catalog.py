"""`upskill catalog list|show|roles`: browse the skills and roles of a catalog."""

from __future__ import annotations

import click

from upskill.cli import options
from upskill.cli.edge import echo_out, reports_errors


@click.group()
def catalog() -> None:
    """Browse the skills and roles of a catalog.

    \b
    Examples:
      upskill catalog list
      upskill catalog show prompting
      upskill catalog roles --catalog default --catalog ours.yaml
    """


@catalog.command("list")
@options.catalog
@click.option("--category", help="Only skills in this category.")
@reports_errors
def catalog_list(catalogs: tuple[str, ...], category: str | None) -> None:
    """List the skills with their category and market demand.

    \b
    Example:
      upskill catalog list --category soft-skill
    """
    from upskill.render.catalog import skills_listing

    echo_out(skills_listing(options.load_catalogs(catalogs), category), nl=False)


@catalog.command("show")
@click.argument("skill")
@options.catalog
@reports_errors
def catalog_show(skill: str, catalogs: tuple[str, ...]) -> None:
    """Show one skill: its demand and source, prerequisites, resources and the roles that need it.

    SKILL is a skill id, name or alias, in any case.

    \b
    Example:
      upskill catalog show prompt-engineering
    """
    from upskill.errors import Problem, UsageError, did_you_mean
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
@reports_errors
def catalog_roles(catalogs: tuple[str, ...]) -> None:
    """List the roles and the skill levels each requires.

    \b
    Example:
      upskill catalog roles
    """
    from upskill.render.catalog import roles_listing

    echo_out(roles_listing(options.load_catalogs(catalogs)), nl=False)
