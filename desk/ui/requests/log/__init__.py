"""Export, verify and opening of the log, off the GUI thread. Imports: ui.requests, core."""
