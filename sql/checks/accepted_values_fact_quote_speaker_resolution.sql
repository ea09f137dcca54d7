-- accepted_values: fact_quote.speaker_resolution says how the speaker as written became a name
-- (transforms/attribution resolve.py and rules.py): name, surname, pronoun, description,
-- spokesperson, document, phrase or earlier; null when nothing was resolved.
with accepted (speaker_resolution) as (
    values ('name'), ('surname'), ('pronoun'), ('description'), ('spokesperson'), ('document'), ('phrase'),
           ('earlier')
),
final as (
    select q.quote_id, q.speaker_resolution
    from fact_quote as q
    anti join accepted as a on a.speaker_resolution = q.speaker_resolution
    where q.speaker_resolution is not null
)
select * from final;
