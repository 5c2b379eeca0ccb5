with reference as (
    select * from {{ ref('ref_economic_subjects') }}
    qualify row_number() over (
        partition by economic_code order by coalesce(valid_to_year, 9999) desc
    ) = 1
),

printed as (
    select * from {{ ref('int_subject_names_printed') }}
    where classification = 'economic'
),

observed_only as (
    select
        subject_code as economic_code,
        level,
        parent_code,
        printed_name as name_zh
    from printed
    where subject_code not in (select reference.economic_code from reference)
    qualify row_number() over (partition by subject_code order by document_count desc, printed_name asc) = 1
),

-- a code printed only without a name (its name cell empty) is still a code of the facts:
-- kept with no name, so a report's content never breaks the facts' key to this dimension
nameless as (
    select distinct
        subject_code,
        {{ subject_level('subject_code') }} as level,
        {{ parent_code('subject_code') }} as parent_code
    from {{ ref('int_budget_lines') }}
    where
        subject_code is not null
        and classification = 'economic'
        and subject_code not in (select reference.economic_code from reference)
        and subject_code not in (select observed_only.economic_code from observed_only)
)

select
    economic_code,
    level,
    nullif(parent_code, '') as parent_code,
    name_zh,
    valid_from_year,
    valid_to_year,
    false as is_observed_only
from reference
union all
select
    economic_code,
    level,
    parent_code,
    name_zh,
    null as valid_from_year,
    null as valid_to_year,
    true as is_observed_only
from observed_only
union all
select
    subject_code as economic_code,
    level,
    parent_code,
    null as name_zh,
    null as valid_from_year,
    null as valid_to_year,
    true as is_observed_only
from nameless
