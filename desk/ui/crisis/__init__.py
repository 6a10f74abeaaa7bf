"""The crisis key from anywhere: an application-wide F2 and the crisis page over a dialog.

Imports: desk.core (policy book), desk.ui.policy (the topic page), Qt.
"""
