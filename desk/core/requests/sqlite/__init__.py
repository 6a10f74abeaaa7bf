"""The log's store in one SQLite file: schema, queries, verify, backups. Imports: core."""
