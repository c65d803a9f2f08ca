"""`upskill catalog resources import`: a learning platform's course export -> an overlay of catalog resources.

fields.py maps an export's headers (a preset's, or `--column`) onto course fields and reads each
cell (durations, levels, flags); match.py finds each course's skill and says why; importer.py
streams the rows (CSV or .xlsx, read by load/rosters) and writes the overlay's YAML as it goes.
"""
