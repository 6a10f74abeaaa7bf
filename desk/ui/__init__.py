"""Widgets, Qt models and dialogs; only here and desk.app use Qt. Imports: Qt, desk.core."""
