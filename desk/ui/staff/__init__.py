"""Who is at the desk: the staff session and its picker. Imports: ui.widgets, desk.core."""
