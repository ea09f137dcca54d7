-- Chunks each list the entities they mention, so one entity can arrive more than once, written
-- differently (`PwC`, `PWC`): the form most chunks use wins, then the first in sort order, so the
-- name does not depend on which chunk finished first.
insert or ignore into dim_entity
with written as (
    select entity_id, entity_name, entity_type, is_named, count(*) as chunks
    from incoming_entities
    group by all
)
select distinct on (entity_id) entity_id, entity_name, entity_type, is_named
from written
order by entity_id, chunks desc, entity_name;

insert into fact_mention select * from incoming_mentions;

insert into fact_quote by name select * from incoming_quotes;

insert into fact_quote_entity select * from incoming_quote_entities;
