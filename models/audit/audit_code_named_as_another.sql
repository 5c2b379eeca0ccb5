{{ config(materialized='table') }}

-- (g) a code printed with the name of another code: a row's name that is not a name of its code
-- (nor a shortening of one) but is the name of another code of the same level, either in the
-- reference classification valid for the report's year or as this report prints that other code
-- elsewhere while it prints this code elsewhere under another name. Names many codes share
-- (行政运行, 一般行政管理事务 under every 款) count only for a sibling (same parent), unless the
-- reference gives the name to one code only.
with coded as (
    select * from {{ ref('fct_budget_line') }}
    where subject_code is not null
),

printed_rows as (
    select distinct
        coded.document_id,
        coded.table_seq,
        coded.table_name,
        coded.subject_code,
        coded.classification,
        documents.fiscal_year,
        coded.page_number,
        {{ name_key('coded.row_label') }} as printed_name
    from coded
    inner join {{ ref('dim_document') }} as documents on coded.document_id = documents.document_id
    where coded.row_label is not null and {{ name_key('coded.row_label') }} != ''
),

reference_names as (
    select
        'function' as classification,
        subject_code,
        {{ name_key('name_zh') }} as reference_name,
        coalesce(valid_from_year, 0) as from_year,
        coalesce(valid_to_year, 9999) as to_year
    from {{ ref('ref_function_subjects') }}
    union all
    select
        'economic' as classification,
        economic_code as subject_code,
        {{ name_key('name_zh') }} as reference_name,
        -- the seed is the 部门预算支出经济分类 of 2018 on; before it 303 numbered other items (30311 住房公积金)
        coalesce(valid_from_year, 2018) as from_year,
        coalesce(valid_to_year, 9999) as to_year
    from {{ ref('ref_economic_subjects') }}
),

-- how many codes of a level the reference gives a name (in any year)
reference_name_codes as (
    select
        classification,
        reference_name,
        length(subject_code) as code_length,
        count(distinct subject_code) as n_codes
    from reference_names
    group by all
),

-- a printed name that is, or shortens, a name the reference gives the code itself
own_reference_rows as (
    select distinct
        printed.document_id,
        printed.subject_code,
        printed.printed_name
    from printed_rows as printed
    inner join reference_names as own
        on
            printed.classification = own.classification
            and printed.subject_code = own.subject_code
            and {{ names_compatible('printed.printed_name', 'own.reference_name') }}
),

printed_codes as (
    select distinct
        document_id,
        classification,
        subject_code,
        fiscal_year
    from printed_rows
),

-- the names the reference gives a code in the report's year
own_reference_names as (
    select
        printed.document_id,
        printed.subject_code,
        string_agg(distinct own.reference_name, '/') as own_reference_name
    from printed_codes as printed
    inner join reference_names as own
        on
            printed.classification = own.classification
            and printed.subject_code = own.subject_code
            and printed.fiscal_year between own.from_year and own.to_year
    group by all
),

-- whether each printed row of a code the reference names (that year) carries its reference name
reference_agreement as (
    select
        printed.document_id,
        printed.table_seq,
        printed.subject_code,
        bool_or(own.subject_code is not null) as agrees
    from printed_rows as printed
    inner join own_reference_names as named
        on printed.document_id = named.document_id and printed.subject_code = named.subject_code
    left join own_reference_rows as own
        on
            printed.document_id = own.document_id
            and printed.subject_code = own.subject_code
            and printed.printed_name = own.printed_name
    group by all
),

named_candidates as (
    select printed.*
    from printed_rows as printed
    where not exists (
        select 1 from own_reference_rows as own
        where
            printed.document_id = own.document_id
            and printed.subject_code = own.subject_code
            and printed.printed_name = own.printed_name
    )
),

-- (i) the name of another code in the classification of the report's year
reference_evidence as (
    select
        printed.document_id,
        printed.table_seq,
        printed.subject_code,
        printed.page_number,
        printed.printed_name,
        printed.fiscal_year,
        own.own_reference_name,
        min(other.subject_code) as other_code
    from named_candidates as printed
    inner join own_reference_names as own
        on printed.document_id = own.document_id and printed.subject_code = own.subject_code
    inner join reference_names as other
        on
            printed.classification = other.classification
            and printed.printed_name = other.reference_name
            and printed.subject_code != other.subject_code
            and length(printed.subject_code) = length(other.subject_code)
            and printed.fiscal_year between other.from_year and other.to_year
    inner join reference_name_codes as shared
        on
            other.classification = shared.classification
            and other.reference_name = shared.reference_name
            and length(other.subject_code) = shared.code_length
    where
        (
            {{ parent_code('printed.subject_code') }} is not distinct from {{ parent_code('other.subject_code') }}
            or shared.n_codes = 1
        )
        -- the table follows this classification: most of the code's parent and siblings printed in it carry
        -- their reference names (a local classification, Shanghai's 302 02 咨询费 … 303 离退休人员经费, does not)
        and (
            select count(*) filter (where kin.agrees) > count(*) filter (where not kin.agrees)
            from reference_agreement as kin
            where
                kin.document_id = printed.document_id
                and kin.table_seq = printed.table_seq
                and kin.subject_code != printed.subject_code
                and (
                    kin.subject_code = {{ parent_code('printed.subject_code') }}
                    or (
                        length(kin.subject_code) = length(printed.subject_code)
                        and {{ parent_code('kin.subject_code') }}
                        is not distinct from {{ parent_code('printed.subject_code') }}
                    )
                )
        )
    group by all
),

-- (ii) this report prints another code with the name, and this code elsewhere with another name
document_evidence as (
    select distinct on (printed.document_id, printed.table_seq, printed.subject_code, printed.page_number)
        printed.document_id,
        printed.table_seq,
        printed.subject_code,
        printed.page_number,
        printed.printed_name,
        other.subject_code as other_code,
        other.table_name as other_table,
        other.page_number as other_page,
        own.printed_name as own_name,
        own.table_name as own_table,
        own.page_number as own_page,
        coalesce({{ parent_code('printed.subject_code') }}, '') = coalesce({{ parent_code('other.subject_code') }}, '')
            as is_sibling
    from named_candidates as printed
    inner join printed_rows as other
        on
            printed.document_id = other.document_id
            and printed.classification = other.classification
            and printed.printed_name = other.printed_name
            and printed.subject_code != other.subject_code
            and length(printed.subject_code) = length(other.subject_code)
    inner join printed_rows as own
        on
            printed.document_id = own.document_id
            and printed.subject_code = own.subject_code
            and printed.classification = own.classification
            and not {{ names_compatible('printed.printed_name', 'own.printed_name') }}
    left join reference_name_codes as shared
        on
            printed.classification = shared.classification
            and printed.printed_name = shared.reference_name
            and length(printed.subject_code) = shared.code_length
    where
        (
            {{ parent_code('printed.subject_code') }} is not distinct from {{ parent_code('other.subject_code') }}
            or shared.n_codes = 1
        )
        -- not the name the report prints the code with most: then the other printing is the odd one
        and (
            select count(distinct same.table_seq) from printed_rows as same
            where
                same.document_id = printed.document_id and same.subject_code = printed.subject_code
                and {{ names_compatible('same.printed_name', 'printed.printed_name') }}
        ) <= (
            select count(distinct differ.table_seq) from printed_rows as differ
            where
                differ.document_id = printed.document_id and differ.subject_code = printed.subject_code
                and not {{ names_compatible('differ.printed_name', 'printed.printed_name') }}
        )
    order by
        printed.document_id asc, printed.table_seq asc, printed.subject_code asc, printed.page_number asc,
        is_sibling desc, other.table_seq asc, own.table_seq asc
),

other_code_names as (
    select distinct on (printed.document_id, printed.table_seq, printed.subject_code, printed.page_number)
        printed.document_id,
        'cross_table' as family,
        'cross_table.code_named_as_another' as check_name,
        printed.table_name,
        printed.subject_code as row_key,
        'name' as measure,
        printed.page_number,
        'error' as severity_hint,
        'prints ' || printed.subject_code || ' as "' || printed.printed_name || '": '
        || concat_ws(
            '; ',
            'the name of ' || by_reference.other_code || ' in the ' || by_reference.fiscal_year
            || ' classification (' || printed.subject_code || ' is "' || by_reference.own_reference_name || '")',
            by_document.other_code || ' is printed "' || printed.printed_name || '" in ' || by_document.other_table
            || ' (page ' || by_document.other_page || '), ' || printed.subject_code || ' "' || by_document.own_name
            || '" in ' || by_document.own_table || ' (page ' || by_document.own_page || ')'
        ) as details
    from named_candidates as printed
    left join reference_evidence as by_reference
        on
            printed.document_id = by_reference.document_id
            and printed.table_seq = by_reference.table_seq
            and printed.subject_code = by_reference.subject_code
            and printed.page_number = by_reference.page_number
            and printed.printed_name = by_reference.printed_name
    left join document_evidence as by_document
        on
            printed.document_id = by_document.document_id
            and printed.table_seq = by_document.table_seq
            and printed.subject_code = by_document.subject_code
            and printed.page_number = by_document.page_number
            and printed.printed_name = by_document.printed_name
    where by_reference.other_code is not null or by_document.other_code is not null
    order by printed.document_id, printed.table_seq, printed.subject_code, printed.page_number, printed.printed_name
)

select * from other_code_names
