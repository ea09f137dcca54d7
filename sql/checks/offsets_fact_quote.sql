-- offsets: a quote's span lies in its document's text (0 <= start_char < end_char <= char_count)
-- and quote_text is exactly substr(text, start_char + 1, end_char - start_char).
with final as (
    select q.quote_id, q.start_char, q.end_char, d.char_count, q.quote_text,
           substr(d.text, q.start_char + 1, q.end_char - q.start_char) as text_at_offsets
    from fact_quote as q
    join dim_document as d using (document_id)
    where not (0 <= q.start_char and q.start_char < q.end_char and q.end_char <= d.char_count)
       or q.quote_text is distinct from substr(d.text, q.start_char + 1, q.end_char - q.start_char)
)
select * from final;
