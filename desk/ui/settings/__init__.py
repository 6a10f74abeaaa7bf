"""The window's settings dialog. Imports: Qt, desk.ui.widgets, desk.ui.lock, desk.core."""
