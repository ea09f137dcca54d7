-- How quotes are written: every quote in current documents by fact_quote.quote_kind.
-- Columns: quote_kind (direct, indirect, partial, scare, belief); quotes (all of them);
-- utterances (enclosing_quote_id null: counted once each); fragments (quoted fragments inside
-- reported speech, already part of their utterance); with_speaker (utterances with a speaker_name).
with final as (
    select quote_kind, count(*) as quotes,
           count(*) filter (where enclosing_quote_id is null) as utterances,
           count(*) filter (where enclosing_quote_id is not null) as fragments,
           count(*) filter (where enclosing_quote_id is null and speaker_name is not null) as with_speaker
    from v_quotes
    group by quote_kind
)
select * from final order by quotes desc, quote_kind;
