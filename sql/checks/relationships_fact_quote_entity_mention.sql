-- relationships: every row of the about-whom bridge names a mention of fact_mention, with the
-- mention's own entity and document.
with final as (
    select b.quote_id, b.mention_id, b.entity_id, b.document_id
    from fact_quote_entity as b
    anti join fact_mention as m
        on m.mention_id = b.mention_id and m.entity_id = b.entity_id and m.document_id = b.document_id
)
select * from final;
