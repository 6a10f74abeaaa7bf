"""The policy book: shapes, strict YAML loader, field checks, cache. Imports: desk.paths."""
