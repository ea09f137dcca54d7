-- Chunks each list the entities they mention, so one entity can arrive more than once.
insert or ignore into dim_entity
select distinct on (entity_id) entity_id, entity_name, entity_type, is_named from incoming_entities;

insert into fact_mention select * from incoming_mentions;

insert into fact_quote select * from incoming_quotes;

insert into fact_quote_entity select * from incoming_quote_entities;
