insert into dim_document
select
    document_id, source_path, source_line, title, published,
    case when published is not null
         then year(published) * 10000 + month(published) * 100 + day(published) end,
    url, outlet, author, source_encoding, text, char_count, word_count,
    true, $run_id, null
from incoming_documents;
