-- unique, not_null: etl_migration.version is set and each migration is recorded once.
with final as (
    select version, count(*) as copies
    from etl_migration
    group by version
    having count(*) > 1 or version is null
)
select * from final;
