-- The ledger of applied schema migrations; created before any migration runs.
create table if not exists etl_migration (
    version    integer primary key,
    name       varchar not null,
    applied_at timestamp not null
);
comment on table etl_migration is 'Schema migrations (sql/schema/NNN_name.sql) applied to this warehouse, in order.';
comment on column etl_migration.version is 'The NNN number of the migration file.';
comment on column etl_migration.name is 'The migration file name.';
comment on column etl_migration.applied_at is 'When it was applied (UTC).';
