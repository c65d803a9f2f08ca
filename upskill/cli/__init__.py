"""The command line: a thin layer of click commands over the library."""

from upskill.cli.commands import cli, main

__all__ = ["cli", "main"]
