-- Names printed for a code that differ from every reference name of that code
-- (住房租金支出 printed for 2210201 住房公积金): kept and flagged, never replaced.
with printed as (
    select * from {{ ref('int_subject_names_printed') }}
),

reference as (
    select
        subject_code,
        name_zh
    from {{ ref('ref_function_subjects') }}
    union all
    select
        economic_code as subject_code,
        name_zh
    from {{ ref('ref_economic_subjects') }}
)

select
    printed.classification,
    printed.subject_code,
    printed.printed_name,
    printed.document_count,
    printed.first_page_number,
    (
        select string_agg(distinct reference.name_zh, '；' order by reference.name_zh)
        from reference
        where reference.subject_code = printed.subject_code
    ) as reference_names,
    exists(
        select 1 from reference
        where
            reference.subject_code = printed.subject_code
            and replace(replace(reference.name_zh, '(', '（'), ')', '）')
            = replace(replace(printed.printed_name, '(', '（'), ')', '）')
    ) as matches_reference
from printed
