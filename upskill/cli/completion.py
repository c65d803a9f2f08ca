"""Shell completion of role and skill ids (click's own completion does commands, options and choices).

The shell asks on every Tab (`_UPSKILL_COMPLETE=bash_source upskill` prints the script, README).
A completion must be quick and must never fail: a traceback or a message on the terminal in the
middle of a command line is worse than no suggestion. So the catalog is read only when a role or a
skill is being completed (the per-user cache makes that cheap), from the --catalog files already
typed when they load, else from the bundled one, and any problem at all gives no suggestions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import click
    from click.shell_completion import CompletionItem

    from upskill.model import Catalog


def _catalog(ctx: click.Context) -> Catalog | None:
    """The catalog the command line names so far (its --catalog values), else the bundled one; None if neither loads."""
    from upskill.load.catalog import load_catalog

    at: click.Context | None = ctx
    typed: tuple[str, ...] = ()
    while at is not None and not typed:
        typed = tuple(at.params.get("catalogs") or ())
        at = at.parent
    for catalogs in (typed, ("default",)) if typed else (("default",),):
        try:
            return load_catalog(catalogs)
        except Exception:  # a half-typed or broken catalog: try the bundled one, then nothing
            continue
    return None


def _items(ctx: click.Context, incomplete: str, entries: Any) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    start = incomplete.lower()
    return [CompletionItem(key, help=entry.name) for key, entry in entries.items() if key.lower().startswith(start)]


def complete_roles(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The catalog's role ids that start with what is typed (with the role's name as help, for zsh and fish)."""
    try:
        catalog = _catalog(ctx)
        return [] if catalog is None else _items(ctx, incomplete, catalog.roles)
    except Exception:  # never fail in completion
        return []


def complete_skills(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The catalog's skill ids that start with what is typed."""
    try:
        catalog = _catalog(ctx)
        return [] if catalog is None else _items(ctx, incomplete, catalog.skills)
    except Exception:  # never fail in completion
        return []
