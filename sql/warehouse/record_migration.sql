insert into etl_migration (version, name, applied_at) values ($version, $name, now()::timestamp)
