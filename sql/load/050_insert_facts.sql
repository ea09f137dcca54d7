-- Entities as the extraction named them within each document (dim_written_entity); the warehouse
-- decides their types, links and dim_entity from all the facts afterwards (061 to 065).
-- Chunks each list the entities they mention, so one entity can arrive more than once, written
-- differently (`PwC`, `PWC`): a form not all in capitals (a headline's) wins, then the form most
-- chunks use, then the first in sort order, so the name does not depend on which chunk finished
-- first; a name stored all in capitals gives way to the same name written otherwise.
insert into dim_written_entity by name
with written as (
    select entity_id, entity_name, is_named, count(*) as chunks
    from incoming_entities
    group by all
),
final as (
    select distinct on (entity_id) entity_id, entity_name, is_named
    from written
    order by entity_id, entity_name = upper(entity_name), chunks desc, entity_name
)
select * from final
on conflict (entity_id) do update set entity_name = excluded.entity_name
where dim_written_entity.entity_name = upper(dim_written_entity.entity_name)
  and excluded.entity_name <> upper(excluded.entity_name);

-- Facts arrive pointing at the entity their document decided; 063 points them at the warehouse's.
insert into fact_mention by name select *, entity_id as written_entity_id from incoming_mentions;

insert into fact_quote by name
select *, speaker_entity_id as written_speaker_entity_id, speaker_name as written_speaker_name
from incoming_quotes;

insert into fact_quote_entity by name select * from incoming_quote_entities;
