"""Ranking policy topics for a caller's words. Imports: core.policy, core.language, core.danger."""
