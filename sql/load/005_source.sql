-- The run's source: recorded when first loaded, and kept up to date with where and how the last
-- run read it.
insert into dim_source by name
select
    $source_id as source_id, $source_name as source_name, $source_root as source_root,
    $source_kind as source_kind, $include_globs::varchar[] as include_globs,
    $exclude_globs::varchar[] as exclude_globs, $section_pattern::varchar as section_pattern,
    $run_id as first_run_id, $run_id as last_run_id
on conflict (source_id) do update set
    source_root = excluded.source_root, source_kind = excluded.source_kind,
    include_globs = excluded.include_globs, exclude_globs = excluded.exclude_globs,
    section_pattern = excluded.section_pattern, last_run_id = excluded.last_run_id;
