-- Documents as analysts read them elsewhere (the text included).
with final as (select * from dim_document)
select * from final
