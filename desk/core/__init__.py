"""The domain, without Qt: policy, language, danger, search, request log. Imports: stdlib."""
