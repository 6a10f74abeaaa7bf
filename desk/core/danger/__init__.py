"""Whether a caller's words suggest someone is in danger, and why. Imports: core.language."""
