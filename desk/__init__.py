"""Desk: a front-desk assistant for counseling practices."""

__version__ = "0.1.0"
