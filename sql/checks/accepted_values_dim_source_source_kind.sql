-- accepted_values: dim_source.source_kind is folder or jsonl_file; never null.
with accepted (source_kind) as (
    values ('folder'), ('jsonl_file')
),
final as (
    select s.source_id, s.source_name, s.source_kind
    from dim_source as s
    anti join accepted as a on a.source_kind = s.source_kind
)
select * from final;
