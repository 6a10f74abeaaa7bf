"""Widgets, Qt models and dialogs. Only this package and `desk.app` import Qt."""
