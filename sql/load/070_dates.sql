insert or ignore into dim_date
with dates as (
    select distinct published as date from dim_document where published is not null
),
final as (
    select
        (year(date) * 10000 + month(date) * 100 + day(date))::integer as date_id,
        date,
        year(date) as year,
        quarter(date) as quarter,
        month(date) as month,
        monthname(date) as month_name,
        day(date) as day,
        isodow(date) as day_of_week,
        dayname(date) as day_name,
        week(date) as iso_week,
        isodow(date) >= 6 as is_weekend
    from dates
)
select * from final;

delete from dim_date
where date_id not in (select published_date_id from dim_document where published_date_id is not null);
