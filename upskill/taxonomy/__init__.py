"""Import catalogs from public taxonomies: O*NET's database (onet.py) and ESCO's classification (esco.py).

Both read the publishers' downloads as they come (a folder, its files, or the zip), stream each
file once by header name (tables.py), and write an ordinary catalog YAML that overlays the
bundled one (output.py). docs/taxonomies.md is the user's guide. Nothing here is imported until
`upskill catalog import` runs.
"""
