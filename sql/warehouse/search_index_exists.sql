select count(*) = 2 from duckdb_schemas() where schema_name in ('fts_main_fact_quote', 'fts_main_dim_document')
