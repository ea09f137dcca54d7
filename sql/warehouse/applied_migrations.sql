select version from etl_migration order by version
