"""The Policy answers tab: search, checklist, topic page, folder. Imports: widgets, core, paths."""
