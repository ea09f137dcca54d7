-- accepted_values: fact_quote.quote_kind is one of the kinds transforms/attribution gives
-- (direct, indirect, partial, scare, belief); never null.
with accepted (quote_kind) as (
    values ('direct'), ('indirect'), ('partial'), ('scare'), ('belief')
),
final as (
    select q.quote_id, q.quote_kind
    from fact_quote as q
    anti join accepted as a on a.quote_kind = q.quote_kind
)
select * from final;
