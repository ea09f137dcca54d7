-- The BM25 full-text indexes behind `newsdesk search`, rebuilt inside the transaction of every load
-- that adds, deletes or moves a document (warehouse.search.rebuild_search_index, right after
-- sql/load/) so they never disagree with the tables:
-- fts_main_fact_quote over quote_text, fts_main_dim_document over title and text. They
-- hold every row (the extension indexes a table, not a filtered view); searches keep current
-- documents' rows (sql/search/quotes.sql, documents.sql), so removed documents only nudge the
-- corpus statistics (document count, average length).
-- Words are lower-cased, accents stripped, Porter-stemmed, English stop words dropped; letters and
-- digits make words (the default would drop digits: years and figures are worth finding).
-- Not in sql/load/: DuckDB expands a PRAGMA while parsing it, so only a connection with the fts
-- extension loaded can even split this file into statements.
pragma create_fts_index('fact_quote', 'quote_id', 'quote_text', stemmer = 'porter', stopwords = 'english',
                        ignore = '[^a-z0-9]+', strip_accents = 1, lower = 1, overwrite = 1);
pragma create_fts_index('dim_document', 'document_id', 'title', 'text', stemmer = 'porter', stopwords = 'english',
                        ignore = '[^a-z0-9]+', strip_accents = 1, lower = 1, overwrite = 1);

-- The indexes' own tables, documented like every other table.
comment on table fts_main_fact_quote.dict is 'Full-text index of quote text (fts extension): the vocabulary, one row per stemmed term.';
comment on column fts_main_fact_quote.dict.termid is 'Term number.';
comment on column fts_main_fact_quote.dict.term is 'The stemmed term.';
comment on column fts_main_fact_quote.dict.df is 'Number of indexed rows containing the term.';
comment on table fts_main_fact_quote.docs is 'Full-text index of quote text (fts extension): one row per indexed row of fact_quote.';
comment on column fts_main_fact_quote.docs.docid is 'Row number in the index.';
comment on column fts_main_fact_quote.docs.name is 'quote_id of the indexed row.';
comment on column fts_main_fact_quote.docs.len is 'Number of terms in the row.';
comment on table fts_main_fact_quote.fields is 'Full-text index of quote text (fts extension): the indexed columns of fact_quote.';
comment on column fts_main_fact_quote.fields.fieldid is 'Column number.';
comment on column fts_main_fact_quote.fields.field is 'Column name.';
comment on table fts_main_fact_quote.stats is 'Full-text index of quote text (fts extension): corpus statistics of the BM25 score.';
comment on column fts_main_fact_quote.stats.num_docs is 'Number of indexed rows.';
comment on column fts_main_fact_quote.stats.avgdl is 'Average number of terms per row.';
comment on table fts_main_fact_quote.stopwords is 'Full-text index of quote text (fts extension): English stop words, left out of the index and of queries.';
comment on column fts_main_fact_quote.stopwords.sw is 'A stop word.';
comment on table fts_main_fact_quote.terms is 'Full-text index of quote text (fts extension): one row per term occurrence.';
comment on column fts_main_fact_quote.terms.docid is 'The row (docs.docid).';
comment on column fts_main_fact_quote.terms.fieldid is 'The column (fields.fieldid).';
comment on column fts_main_fact_quote.terms.termid is 'The term (dict.termid).';

comment on table fts_main_dim_document.dict is 'Full-text index of document title and text (fts extension): the vocabulary, one row per stemmed term.';
comment on column fts_main_dim_document.dict.termid is 'Term number.';
comment on column fts_main_dim_document.dict.term is 'The stemmed term.';
comment on column fts_main_dim_document.dict.df is 'Number of indexed rows containing the term.';
comment on table fts_main_dim_document.docs is 'Full-text index of document title and text (fts extension): one row per indexed row of dim_document.';
comment on column fts_main_dim_document.docs.docid is 'Row number in the index.';
comment on column fts_main_dim_document.docs.name is 'document_id of the indexed row.';
comment on column fts_main_dim_document.docs.len is 'Number of terms in the row.';
comment on table fts_main_dim_document.fields is 'Full-text index of document title and text (fts extension): the indexed columns of dim_document.';
comment on column fts_main_dim_document.fields.fieldid is 'Column number.';
comment on column fts_main_dim_document.fields.field is 'Column name.';
comment on table fts_main_dim_document.stats is 'Full-text index of document title and text (fts extension): corpus statistics of the BM25 score.';
comment on column fts_main_dim_document.stats.num_docs is 'Number of indexed rows.';
comment on column fts_main_dim_document.stats.avgdl is 'Average number of terms per row.';
comment on table fts_main_dim_document.stopwords is 'Full-text index of document title and text (fts extension): English stop words, left out of the index and of queries.';
comment on column fts_main_dim_document.stopwords.sw is 'A stop word.';
comment on table fts_main_dim_document.terms is 'Full-text index of document title and text (fts extension): one row per term occurrence.';
comment on column fts_main_dim_document.terms.docid is 'The row (docs.docid).';
comment on column fts_main_dim_document.terms.fieldid is 'The column (fields.fieldid).';
comment on column fts_main_dim_document.terms.termid is 'The term (dict.termid).';
