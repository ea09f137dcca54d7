-- accepted_values: fact_quote.speaker_type is the type of a named thing (transforms/canonical.py
-- NAMED_TYPES: the extraction gives PERSON, ORG, GPE or NORP, and the warehouse may retype a name
-- over all its mentions), NOUN_PHRASE for an unnamed description kept as written, PRONOUN for an
-- unresolved pronoun, or null when there is no speaker.
with accepted (speaker_type) as (
    values ('PERSON'), ('ORG'), ('GPE'), ('LOC'), ('NORP'), ('FAC'), ('PRODUCT'), ('EVENT'), ('WORK_OF_ART'),
           ('LAW'), ('LANGUAGE'), ('NOUN_PHRASE'), ('PRONOUN')
),
final as (
    select q.quote_id, q.speaker_type, q.speaker_name
    from fact_quote as q
    anti join accepted as a on a.speaker_type = q.speaker_type
    where q.speaker_type is not null
)
select * from final;
