-- The star schema: documents, entities, dates, mentions, quotes, and the ETL's own records.

create table dim_document (
    document_id      varchar primary key,
    source_path      varchar not null,
    source_line      integer not null,
    title            varchar,
    published        date,
    published_date_id integer,
    url              varchar,
    outlet           varchar,
    author           varchar,
    source_encoding  varchar not null,
    text             varchar not null,
    char_count       integer not null,
    word_count       integer not null,
    is_current       boolean not null,
    loaded_run_id    varchar not null,
    removed_run_id   varchar
);
comment on table dim_document is 'One row per article: its normalised text (which every offset indexes), where it came from, and whether its file is still present.';
comment on column dim_document.document_id is 'Stable id: the first 16 hex digits of the SHA-256 of the normalised text.';
comment on column dim_document.source_path is 'Path of the source file, relative to the source folder.';
comment on column dim_document.source_line is '1-based line in a .jsonl file; 0 for .txt and .md files.';
comment on column dim_document.title is 'Title from front matter or the JSON line, if given.';
comment on column dim_document.published is 'Publication date from front matter or the JSON line, if given.';
comment on column dim_document.published_date_id is 'Key into dim_date (yyyymmdd) for the publication date.';
comment on column dim_document.url is 'URL of the article, if given.';
comment on column dim_document.outlet is 'Publishing outlet, if given.';
comment on column dim_document.author is 'Author, if given.';
comment on column dim_document.source_encoding is 'Encoding the file was decoded with (utf-8 unless detected otherwise).';
comment on column dim_document.text is 'The normalised article text (NFC, LF line ends, trimmed); character offsets index this.';
comment on column dim_document.char_count is 'Number of characters in text.';
comment on column dim_document.word_count is 'Number of whitespace-separated words in text.';
comment on column dim_document.is_current is 'False once the source file has been removed; its rows are kept but marked.';
comment on column dim_document.loaded_run_id is 'etl_run.run_id of the run that extracted this document.';
comment on column dim_document.removed_run_id is 'etl_run.run_id of the run that found the source file gone, if any.';

create table dim_entity (
    entity_id   varchar primary key,
    entity_name varchar not null,
    entity_type varchar not null,
    is_named    boolean not null
);
comment on table dim_entity is 'One row per canonical entity: the same name and type always has the same entity_id, across documents and runs.';
comment on column dim_entity.entity_id is 'Stable id: a hash of the entity type and the case-folded canonical name.';
comment on column dim_entity.entity_name is 'Canonical name: no possessive, title, leading determiner or surrounding punctuation; short forms resolved to the full name.';
comment on column dim_entity.entity_type is 'spaCy entity label (PERSON, ORG, GPE, ...), corrected from the full name where a short form was mislabelled.';
comment on column dim_entity.is_named is 'True for named things (people, organisations, places, ...); false for dates, numbers and amounts.';

create table dim_date (
    date_id     integer primary key,
    date        date not null,
    year        integer not null,
    quarter     integer not null,
    month       integer not null,
    month_name  varchar not null,
    day         integer not null,
    day_of_week integer not null,
    day_name    varchar not null,
    iso_week    integer not null,
    is_weekend  boolean not null
);
comment on table dim_date is 'Calendar attributes of each publication date in dim_document.';
comment on column dim_date.date_id is 'yyyymmdd as an integer.';
comment on column dim_date.date is 'The calendar date.';
comment on column dim_date.year is 'Calendar year.';
comment on column dim_date.quarter is 'Quarter of the year, 1-4.';
comment on column dim_date.month is 'Month, 1-12.';
comment on column dim_date.month_name is 'English month name.';
comment on column dim_date.day is 'Day of the month.';
comment on column dim_date.day_of_week is 'ISO day of the week, 1 (Monday) to 7 (Sunday).';
comment on column dim_date.day_name is 'English day name.';
comment on column dim_date.iso_week is 'ISO week number.';
comment on column dim_date.is_weekend is 'True on Saturday and Sunday.';

create table fact_mention (
    mention_id     varchar primary key,
    document_id    varchar not null,
    entity_id      varchar not null,
    mention_text   varchar not null,
    mention_label  varchar not null,
    title          varchar,
    sentence_index integer not null,
    start_char     integer not null,
    end_char       integer not null,
    alias          varchar not null
);
comment on table fact_mention is 'One row per entity mention in a document, linked to its canonical entity.';
comment on column fact_mention.mention_id is 'Stable id: document_id and the ordinal of the mention in the document.';
comment on column fact_mention.document_id is 'The document (dim_document).';
comment on column fact_mention.entity_id is 'The canonical entity (dim_entity).';
comment on column fact_mention.mention_text is 'The mention exactly as written: substr(text, start_char + 1, end_char - start_char).';
comment on column fact_mention.mention_label is 'The label spaCy gave this span before canonicalisation.';
comment on column fact_mention.title is 'Title or honorific written before a person''s name, if any.';
comment on column fact_mention.sentence_index is '0-based index of the sentence in the document.';
comment on column fact_mention.start_char is '0-based character offset of the first character in dim_document.text.';
comment on column fact_mention.end_char is 'Character offset just past the last character (exclusive).';
comment on column fact_mention.alias is 'The name as written, cleaned of possessive, title and leading determiner (Takaichi for Prime Minister Takaichi’s): one of the entity''s aliases.';

create table dim_entity_alias (
    alias        varchar not null,
    entity_id    varchar not null,
    alias_source varchar not null,
    primary key (alias, entity_id)
);
comment on table dim_entity_alias is 'Every name an entity goes by: the forms written in current documents, and the operators'' alias list (transforms/data/entity_aliases.tsv).';
comment on column dim_entity_alias.alias is 'A name as written (cleaned of possessive, title and determiner), or a listed variant such as U.S.';
comment on column dim_entity_alias.entity_id is 'The canonical entity (dim_entity) the alias stands for.';
comment on column dim_entity_alias.alias_source is 'mention (seen in a current document) or alias_list (a variant from the operators'' list for an entity in dim_entity, even if no document writes it that way yet).';

create table fact_quote (
    quote_id          varchar primary key,
    document_id       varchar not null,
    quote_text        varchar not null,
    quote_kind        varchar not null,
    cue_verb          varchar not null,
    speaker_mention   varchar,
    speaker_name      varchar,
    speaker_type      varchar,
    speaker_entity_id varchar,
    sentence_index    integer not null,
    start_char        integer not null,
    end_char          integer not null,
    rule              varchar not null,
    confidence        double not null,
    enclosing_quote_id varchar
);
comment on table fact_quote is 'One row per quotation: its exact span, kind, cue verb and speaker.';
comment on column fact_quote.quote_id is 'Stable id: document_id and the ordinal of the quote in the document.';
comment on column fact_quote.document_id is 'The document (dim_document).';
comment on column fact_quote.quote_text is 'The quoted words without the quotation marks: substr(text, start_char + 1, end_char - start_char).';
comment on column fact_quote.quote_kind is 'direct, indirect, partial (a quoted fragment in the writer''s sentence) or scare (a quoted name or term; no speaker).';
comment on column fact_quote.cue_verb is 'The speech verb as written (said, told, warned, according to); empty when there is none.';
comment on column fact_quote.speaker_mention is 'The speaker as written in the text (Mr Lee, he, the ministry).';
comment on column fact_quote.speaker_name is 'The speaker resolved to a canonical name where possible.';
comment on column fact_quote.speaker_type is 'Entity type of the speaker (PERSON, ORG, ...), NOUN_PHRASE for a description, PRONOUN when unresolved.';
comment on column fact_quote.speaker_entity_id is 'The speaker''s canonical entity (dim_entity), when the speaker is a named entity.';
comment on column fact_quote.sentence_index is '0-based index of the sentence where the quote starts.';
comment on column fact_quote.start_char is '0-based character offset of the first quoted character in dim_document.text.';
comment on column fact_quote.end_char is 'Character offset just past the last quoted character (exclusive).';
comment on column fact_quote.rule is 'How the speaker was found: governing_verb, according_to, sentence_verb, adjacent_sentence, reported_verb, interrupted, within_reported, nearest_person, carried_over, scare or none; a suffix tells how the mention was resolved (+pronoun, +description, +surname, +for, +source, +preceding_subject).';
comment on column fact_quote.confidence is 'Confidence in the attribution, 0 to 1; filter on it for precision.';
comment on column fact_quote.enclosing_quote_id is 'For a quoted fragment inside reported speech (he said the plan was "a disaster"), the indirect quote that contains it; null otherwise. Count quotes with enclosing_quote_id is null to count each utterance once.';

create table fact_quote_entity (
    quote_id    varchar not null,
    mention_id  varchar not null,
    entity_id   varchar not null,
    document_id varchar not null,
    primary key (quote_id, mention_id)
);
comment on table fact_quote_entity is 'About whom: the entities mentioned inside each quote.';
comment on column fact_quote_entity.quote_id is 'The quote (fact_quote).';
comment on column fact_quote_entity.mention_id is 'The mention inside the quote (fact_mention).';
comment on column fact_quote_entity.entity_id is 'The entity mentioned (dim_entity).';
comment on column fact_quote_entity.document_id is 'The document (dim_document).';

create table etl_run (
    run_id              varchar primary key,
    flow_run_id         varchar,
    source              varchar not null,
    started_at          timestamp not null,
    finished_at         timestamp not null,
    status              varchar not null,
    files_found         integer not null,
    files_unchanged     integer not null,
    documents_new       integer not null,
    documents_changed   integer not null,
    documents_unchanged integer not null,
    documents_removed   integer not null,
    documents_extracted integer not null,
    rejects             integer not null,
    mentions_loaded     integer not null,
    quotes_loaded       integer not null,
    model               varchar not null,
    stage_seconds       json not null
);
comment on table etl_run is 'One row per successful run of the newsdesk-etl flow.';
comment on column etl_run.run_id is 'Id of the run (the Prefect flow-run id when run under Prefect).';
comment on column etl_run.flow_run_id is 'Prefect flow-run id, to find the run in the Prefect UI.';
comment on column etl_run.source is 'Source folder the run read.';
comment on column etl_run.started_at is 'When the run started (UTC).';
comment on column etl_run.finished_at is 'When the load committed (UTC).';
comment on column etl_run.status is 'completed: only successful runs are recorded; a failed run leaves the warehouse unchanged.';
comment on column etl_run.files_found is 'Files found under the source folder.';
comment on column etl_run.files_unchanged is 'Files skipped because their bytes were unchanged since the last load.';
comment on column etl_run.documents_new is 'Documents at a path (and line) not seen before.';
comment on column etl_run.documents_changed is 'Documents whose text changed at a known path (and line).';
comment on column etl_run.documents_unchanged is 'Documents whose text was unchanged.';
comment on column etl_run.documents_removed is 'Documents marked not current because their file is gone.';
comment on column etl_run.documents_extracted is 'Documents that went through the NLP in this run.';
comment on column etl_run.rejects is 'Files or lines rejected in this run.';
comment on column etl_run.mentions_loaded is 'Entity mentions inserted by this run.';
comment on column etl_run.quotes_loaded is 'Quotes inserted by this run.';
comment on column etl_run.model is 'spaCy model name and version used.';
comment on column etl_run.stage_seconds is 'Seconds spent in each stage, as JSON.';

create table etl_reject (
    source_path varchar not null,
    source_line integer not null,
    reason_code varchar not null,
    reason      varchar not null,
    run_id      varchar not null,
    primary key (source_path, source_line, reason_code)
);
comment on table etl_reject is 'Every file or JSON line that could not be loaded, with the reason; kept while the input stays as it is.';
comment on column etl_reject.source_path is 'Path of the source file, relative to the source folder.';
comment on column etl_reject.source_line is '1-based line in a .jsonl file; 0 for a whole file.';
comment on column etl_reject.reason_code is 'empty, binary, undecodable, too_large, unreadable, malformed_json, missing_text, malformed_front_matter, unsupported_type or duplicate.';
comment on column etl_reject.reason is 'Human-readable reason.';
comment on column etl_reject.run_id is 'etl_run.run_id of the run that first rejected it.';

create table etl_file (
    source_path varchar primary key,
    file_sha256 varchar,
    size_bytes  bigint not null,
    documents   integer not null,
    rejects     integer not null,
    run_id      varchar not null
);
comment on table etl_file is 'Every file found by the last run that read it, with the hash used to skip unchanged files.';
comment on column etl_file.source_path is 'Path of the source file, relative to the source folder.';
comment on column etl_file.file_sha256 is 'SHA-256 of the file bytes; null when the file could not be read.';
comment on column etl_file.size_bytes is 'Size of the file in bytes.';
comment on column etl_file.documents is 'Documents the file held when last read.';
comment on column etl_file.rejects is 'Rejects the file gave when last read.';
comment on column etl_file.run_id is 'etl_run.run_id of the run that last read the file.';
