"""F2 from anywhere and the crisis page over a dialog. Imports: ui.policy, ui.widgets, desk.core."""
