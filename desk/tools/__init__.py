"""Developer tools, not the running app (screenshots). Imports anything; none import it."""
