"""The version of upskill, in a module of its own: the package, the CLI and the catalog cache read it
without importing the API (load/cache.py importing `upskill` went through it and back into load/)."""

__version__ = "0.1.0"
