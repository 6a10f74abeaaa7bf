"""The Email requests tab: table, dialogs, release. Imports: ui.widgets/staff/lock, core."""
