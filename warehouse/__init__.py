"""The DuckDB access layer: connect, migrate, load, query. The only place that imports DuckDB."""
