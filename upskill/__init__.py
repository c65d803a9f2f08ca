"""upskill: plan how an employee closes the gap to an in-demand AI role.

The library is usable without the CLI: `load_catalog`, `read_document`, `read_profile`,
`build_plan`, then a renderer from `upskill.render`.
"""

__version__ = "0.1.0"
