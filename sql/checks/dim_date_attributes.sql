-- expression: a date's key is its yyyymmdd and its attributes are its own.
with final as (
    select date_id, date
    from dim_date
    where date_id <> year(date) * 10000 + month(date) * 100 + day(date)
       or year <> year(date) or quarter <> quarter(date) or month <> month(date)
       or month_name <> monthname(date) or day <> day(date) or day_of_week <> isodow(date)
       or day_name <> dayname(date) or iso_week <> week(date) or is_weekend <> (isodow(date) >= 6)
)
select * from final;
