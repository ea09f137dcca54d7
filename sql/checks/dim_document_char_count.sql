-- expression: a document's char_count is the length of its text, which every offset indexes.
with final as (
    select document_id, char_count, length(text) as text_length
    from dim_document
    where char_count is distinct from length(text)
)
select * from final;
