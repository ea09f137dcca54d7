-- Who is quoted most, and in how many articles: the 20 speakers with the most utterances.
-- Each utterance once: quotes with enclosing_quote_id null (a fragment inside reported speech is
-- part of its utterance) and of kind direct, indirect or partial (no beliefs, no scare quotes),
-- in current documents, with a speaker.
-- Columns: speaker_name; speaker_type (PERSON, ORG, NOUN_PHRASE, ...); quotes (utterances);
-- documents (current documents that quote the speaker).
with utterances as (
    select speaker_name, speaker_type, document_id
    from v_quotes
    where speaker_name is not null and enclosing_quote_id is null
      and quote_kind in ('direct', 'indirect', 'partial')
),
final as (
    select speaker_name, speaker_type, count(*) as quotes, count(distinct document_id) as documents
    from utterances
    group by all
)
select * from final order by quotes desc, speaker_name limit 20;
