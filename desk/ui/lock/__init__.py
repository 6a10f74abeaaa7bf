"""The idle lock and the lock screen. Imports: ui.widgets, desk.core."""
