"""CSV and PDF reports of the request log. Imports: core.requests, never a store."""
