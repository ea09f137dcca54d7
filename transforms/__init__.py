"""Pure transforms: documents in, records and Polars frames out. No Prefect, no DuckDB."""
