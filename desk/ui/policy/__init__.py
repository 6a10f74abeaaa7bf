"""The Policy answers tab: search, checklist, topic page, folder. Imports: ui.widgets, core."""
