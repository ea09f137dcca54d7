select
    (select count(*) from incoming_mentions) as mentions,
    (select count(*) from incoming_quotes) as quotes;
