"""The auditors' workspace (/audit/): history replay, roster differences, the verifiable log.

`routes.py` holds the blueprint and the history pages, `log.py` adds the log's pages to it,
`access_log.py` records look-ups (also from the HR pages auditors can read).
"""
