"""Who said what: quotes, the rules that attribute them, and their speakers."""
