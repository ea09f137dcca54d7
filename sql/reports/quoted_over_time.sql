-- Who is quoted most over time: the most quoted speakers' utterances by month of publication
-- (dim_document.published). A document without a publication date counts apart, under a null
-- month: never at the month it was loaded.
-- Each utterance once: enclosing_quote_id null, kind direct, indirect or partial, current documents.
-- Parameters: $speakers, how many speakers (the most quoted over the whole warehouse).
-- Columns: month (yyyy-mm, null for documents without a date); speaker_name; quotes (utterances).
with utterances as (
    select speaker_name, published
    from v_quotes
    where speaker_name is not null and enclosing_quote_id is null
      and quote_kind in ('direct', 'indirect', 'partial')
),
top_speakers as (
    select speaker_name, count(*) as total
    from utterances
    group by speaker_name
    order by total desc, speaker_name
    limit $speakers
),
final as (
    select strftime(u.published, '%Y-%m') as month, u.speaker_name, count(*) as quotes
    from utterances as u
    join top_speakers using (speaker_name)
    group by all
)
select * from final order by month nulls last, quotes desc, speaker_name;
