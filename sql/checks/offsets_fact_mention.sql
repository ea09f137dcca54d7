-- offsets: a mention's span lies in its document's text (0 <= start_char < end_char <= char_count)
-- and mention_text is exactly substr(text, start_char + 1, end_char - start_char).
with final as (
    select m.mention_id, m.start_char, m.end_char, d.char_count, m.mention_text,
           substr(d.text, m.start_char + 1, m.end_char - m.start_char) as text_at_offsets
    from fact_mention as m
    join dim_document as d using (document_id)
    where not (0 <= m.start_char and m.start_char < m.end_char and m.end_char <= d.char_count)
       or m.mention_text is distinct from substr(d.text, m.start_char + 1, m.end_char - m.start_char)
)
select * from final;
