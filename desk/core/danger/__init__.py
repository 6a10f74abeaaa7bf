"""Signs that someone may be in danger, in a caller's words. Imports: core.language."""
