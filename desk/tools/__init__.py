"""Developer tools (screenshots, screen sizes, search_diff), not the app. Nothing imports them."""
