"""The log's store on a shared PostgreSQL server: schema, roles, appends, verify. Imports: core."""
