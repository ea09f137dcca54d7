-- Sources side by side: each document, file, reject and run belongs to a named source (a root
-- folder or a .jsonl file), and a document is current or removed within its own source. Plain
-- files also give a section, a title from their headline and a date from their path, each with a
-- column saying where it came from. A warehouse loaded before this migration holds one source,
-- named after the folder its last completed run read.
create table dim_source (
    source_id       varchar primary key,
    source_name     varchar not null unique,
    source_root     varchar not null,
    source_kind     varchar not null,
    include_globs   varchar[] not null,
    exclude_globs   varchar[] not null,
    section_pattern varchar,
    first_run_id    varchar not null,
    last_run_id     varchar not null
);
comment on table dim_source is 'One row per source: a named root folder or .jsonl file that runs load, side by side with the others.';
comment on column dim_source.source_id is 'Stable id: the first 16 hex digits of the SHA-256 of source_name.';
comment on column dim_source.source_name is 'The name runs give the source (newsdesk run --source-name; by default the folder''s or file''s base name).';
comment on column dim_source.source_root is 'Absolute path of the folder or .jsonl file the last run read.';
comment on column dim_source.source_kind is 'folder or jsonl_file.';
comment on column dim_source.include_globs is 'Globs a file must match to be loaded, as the last run used them.';
comment on column dim_source.exclude_globs is 'Globs that keep a file out (read-me and licence files by default), as the last run used them.';
comment on column dim_source.section_pattern is 'Regular expression whose section group names a document''s section in its path, as the last run used it; null for none.';
comment on column dim_source.first_run_id is 'etl_run.run_id of the first run that loaded the source.';
comment on column dim_source.last_run_id is 'etl_run.run_id of the last run that loaded the source.';

insert into dim_source by name
with runs as (
    select run_id, regexp_replace(regexp_extract(rtrim(source, '/'), '[^/]+$'), '\.jsonl$', '') as source_name,
           source as source_root, started_at
    from etl_run
    where status = 'completed'
),
named as (
    select source_name, arg_max(source_root, started_at) as source_root, arg_min(run_id, started_at) as first_run_id,
           arg_max(run_id, started_at) as last_run_id, max(started_at) as last_started
    from runs
    group by source_name
),
final as (
    select left(sha256(source_name), 16) as source_id, source_name, source_root,
           case when source_root like '%.jsonl' then 'jsonl_file' else 'folder' end as source_kind,
           ['*'] as include_globs, [] :: varchar[] as exclude_globs, null as section_pattern, first_run_id, last_run_id
    from named
    order by last_started desc
    limit 1
)
select * from final;

alter table dim_document add column source_id varchar;
alter table dim_document add column section varchar;
alter table dim_document add column title_source varchar;
alter table dim_document add column published_source varchar;
alter table dim_document add column section_source varchar;
update dim_document set source_id = (select source_id from dim_source),
    title_source = case when title is not null then 'front_matter' end,
    published_source = case when published is not null then 'front_matter' end;
comment on column dim_document.source_id is 'The source (dim_source) the document belongs to; source_path is relative to its root.';
comment on column dim_document.source_path is 'Path of the source file, relative to the source''s root (for a .jsonl source, the file name).';
comment on column dim_document.title is 'Title: from front matter or the JSON line, else the headline (a short first line followed by a blank line); see title_source.';
comment on column dim_document.title_source is 'Where the title came from: front_matter, json or headline; null when there is none.';
comment on column dim_document.published is 'Publication date: from front matter or the JSON line (published, date, published_at or publication_date), else a date written in the path (2016-03-11, 2016/03/11, 20160311); null when neither has one, never the load date. See published_source.';
comment on column dim_document.published_source is 'Where the publication date came from: front_matter, json or path; null when there is none.';
comment on column dim_document.section is 'Section of the publication: from front matter or the JSON line (section), else from the path (the first sub-folder, or the source''s section pattern); null when unknown.';
comment on column dim_document.section_source is 'Where the section came from: front_matter, json, folder or pattern; null when there is none.';

create table etl_file_by_source (
    source_id   varchar not null,
    source_path varchar not null,
    file_sha256 varchar,
    size_bytes  bigint not null,
    documents   integer not null,
    rejects     integer not null,
    run_id      varchar not null,
    primary key (source_id, source_path)
);
insert into etl_file_by_source by name
select (select source_id from dim_source) as source_id, * from etl_file;
drop table etl_file;
alter table etl_file_by_source rename to etl_file;
comment on table etl_file is 'Every file found by the last run that read it, per source, with the hash used to skip unchanged files.';
comment on column etl_file.source_id is 'The source (dim_source) the file belongs to.';
comment on column etl_file.source_path is 'Path of the source file, relative to the source''s root.';
comment on column etl_file.file_sha256 is 'SHA-256 of the file bytes; null when the file could not be read.';
comment on column etl_file.size_bytes is 'Size of the file in bytes.';
comment on column etl_file.documents is 'Documents the file held when last read.';
comment on column etl_file.rejects is 'Rejects the file gave when last read.';
comment on column etl_file.run_id is 'etl_run.run_id of the run that last read the file.';

create table etl_reject_by_source (
    source_id   varchar not null,
    source_path varchar not null,
    source_line integer not null,
    reason_code varchar not null,
    reason      varchar not null,
    run_id      varchar not null,
    primary key (source_id, source_path, source_line, reason_code)
);
insert into etl_reject_by_source by name
select (select source_id from dim_source) as source_id, * from etl_reject;
drop table etl_reject;
alter table etl_reject_by_source rename to etl_reject;
comment on table etl_reject is 'Every file or JSON line that could not be loaded, per source, with the reason; kept while the input stays as it is.';
comment on column etl_reject.source_id is 'The source (dim_source) the file belongs to.';
comment on column etl_reject.source_path is 'Path of the source file, relative to the source''s root.';
comment on column etl_reject.source_line is '1-based line in a .jsonl file; 0 for a whole file.';
comment on column etl_reject.reason_code is 'empty, binary, undecodable, too_large, unreadable, not_a_regular_file, malformed_json, missing_text, malformed_front_matter, unsupported_type or duplicate.';
comment on column etl_reject.reason is 'Human-readable reason.';
comment on column etl_reject.run_id is 'etl_run.run_id of the run that first rejected it.';

alter table etl_run add column source_id varchar;
alter table etl_run add column files_excluded integer;
update etl_run set source_id = (select source_id from dim_source) where status = 'completed';
comment on column etl_run.source is 'Source folder or .jsonl file the run read, as given.';
comment on column etl_run.source_id is 'The source (dim_source) the run read; null for a run that failed before naming it.';
comment on column etl_run.files_excluded is 'Files under the source that its include and exclude globs left out.';
