"""The domain: policy book, search, caller scripts, the request log and its store.

Nothing in this package imports Qt; a test and ruff's banned-api rule hold that line.
"""
