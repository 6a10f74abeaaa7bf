"""Widgets and the theme every part of the window shares. Imports: Qt, desk.core."""
