-- Who is quoted most in each section (dim_document.section: the source's sub-folder or file-name
-- pattern); documents whose section is unknown form a section of their own, null.
-- Each utterance once: enclosing_quote_id null, kind direct, indirect or partial, current documents.
-- Parameters: $per_section, how many speakers to keep in each section.
-- Columns: section (null when unknown); speaker_name; quotes (utterances); documents (current
-- documents of the section that quote the speaker); rank (1 for the most quoted in the section).
with utterances as (
    select speaker_name, document_id, section
    from v_quotes
    where speaker_name is not null and enclosing_quote_id is null
      and quote_kind in ('direct', 'indirect', 'partial')
),
counted as (
    select section, speaker_name, count(*) as quotes, count(distinct document_id) as documents
    from utterances
    group by all
),
final as (
    select section, speaker_name, quotes, documents,
           row_number() over (partition by section order by quotes desc, speaker_name) as rank
    from counted
    qualify rank <= $per_section
)
select * from final order by section nulls last, rank;
