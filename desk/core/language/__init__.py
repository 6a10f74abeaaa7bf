"""How callers talk: words, contractions, stems, slang, typos. Imports: stdlib only."""
