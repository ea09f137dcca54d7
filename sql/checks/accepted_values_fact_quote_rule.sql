-- accepted_values: fact_quote.rule is the name of a row of the attribution rule table
-- (transforms/attribution/rules.py RULES), within_reported (a fragment of a reported clause), scare
-- or none; never null.
with accepted (rule) as (
    values ('reported_verb'), ('according_to'), ('preceding_subject'), ('interrupted'), ('governing_verb'),
           ('sentence_verb'), ('adjacent_sentence'), ('nearest_person'), ('carried_over'),
           ('within_reported'), ('scare'), ('none')
),
final as (
    select q.quote_id, q.rule
    from fact_quote as q
    anti join accepted as a on a.rule = q.rule
)
select * from final;
