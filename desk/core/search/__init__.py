"""Ranking topics for a caller's words: text, index, ranking. Imports: core.policy, danger."""
