-- Who is quoted most, and in how many articles.
with quotes as (
    select speaker_name, speaker_type, document_id
    from v_quotes
    where speaker_name is not null and enclosing_quote_id is null and quote_kind <> 'belief'  -- each utterance once
),
final as (
    select speaker_name, speaker_type, count(*) as quotes, count(distinct document_id) as documents
    from quotes
    group by all
)
select * from final order by quotes desc, speaker_name limit 20;
