-- The table figure each narrative topic describes (one printed figure per
-- document, topic and 类 code); topics no table holds have no row here.
with lines as (
    select * from {{ ref('int_budget_lines') }}
),

statistics as (
    select * from {{ ref('int_disclosure_statistics') }}
),

topics as (
    select * from (
        values
        ('grand_total', 'income_expenditure_summary', 'grand_total_income', 'amount'),
        ('fiscal_grand_total', 'fiscal_appropriation_summary', 'grand_total_income', 'amount'),
        ('total_income', 'income_expenditure_summary', 'total_income', 'amount'),
        ('total_expenditure', 'income_expenditure_summary', 'total_expenditure', 'amount'),
        ('basic_expenditure', 'expenditure', 'grand_total', 'basic'),
        ('project_expenditure', 'expenditure', 'grand_total', 'project'),
        ('general_budget_expenditure', 'general_budget_expenditure', 'grand_total', 'total'),
        ('general_budget_basic', 'general_budget_expenditure', 'grand_total', 'basic'),
        ('personnel', 'general_budget_basic_expenditure', 'personnel_total', 'amount'),
        ('public', 'general_budget_basic_expenditure', 'public_total', 'amount'),
        ('three_public_budget', 'three_public', 'total', 'budget'),
        ('three_public_actual', 'three_public', 'total', 'actual'),
        ('three_public_overseas_actual', 'three_public', 'overseas', 'actual'),
        ('three_public_vehicle_actual', 'three_public', 'vehicle_total', 'actual'),
        ('three_public_reception_actual', 'three_public', 'reception', 'actual'),
        ('three_public_overseas_budget', 'three_public', 'overseas', 'budget'),
        ('three_public_vehicle_budget', 'three_public', 'vehicle_total', 'budget'),
        ('three_public_reception_budget', 'three_public', 'reception', 'budget'),
        ('three_public_vehicle_purchase_budget', 'three_public', 'vehicle_purchase', 'budget'),
        ('three_public_vehicle_purchase_actual', 'three_public', 'vehicle_purchase', 'actual'),
        ('three_public_vehicle_operation_budget', 'three_public', 'vehicle_operation', 'budget'),
        ('three_public_vehicle_operation_actual', 'three_public', 'vehicle_operation', 'actual'),
        ('general_budget_income', 'income_expenditure_summary', 'general_budget_income', 'amount'),
        ('government_fund_income', 'income_expenditure_summary', 'government_fund_income', 'amount'),
        ('government_fund_expenditure', 'fiscal_appropriation_summary', 'total_expenditure', 'government_fund'),
        ('state_capital_income', 'income_expenditure_summary', 'state_capital_income', 'amount'),
        ('superior_subsidy_income', 'income_expenditure_summary', 'superior_subsidy_income', 'amount'),
        ('business_income', 'income_expenditure_summary', 'business_income', 'amount'),
        ('operating_income', 'income_expenditure_summary', 'operating_income', 'amount'),
        ('subsidiary_remit_income', 'income_expenditure_summary', 'subsidiary_remit_income', 'amount'),
        ('other_income', 'income_expenditure_summary', 'other_income', 'amount'),
        -- budget reports (ingestion/read/budget_narrative.py): the amount column, or the 合计
        -- column where the table prints several
        ('budget_grand_total', 'income_expenditure_summary', 'grand_total_income', 'amount'),
        ('budget_total_income', 'income_expenditure_summary', 'grand_total_income', 'amount'),
        ('budget_total_expenditure', 'income_expenditure_summary', 'grand_total_expenditure', 'amount'),
        ('budget_total_expenditure', 'income_expenditure_summary', 'grand_total_expenditure', 'total'),
        ('budget_fiscal_appropriation', 'fiscal_appropriation_summary', 'grand_total_income', 'amount'),
        ('budget_general_budget', 'general_budget_expenditure', 'grand_total', 'amount'),
        ('budget_general_budget', 'general_budget_expenditure', 'grand_total', 'total'),
        ('budget_government_fund', 'government_fund', 'grand_total', 'amount'),
        ('budget_government_fund', 'government_fund', 'grand_total', 'total'),
        ('budget_basic', 'expenditure', 'grand_total', 'basic'),
        ('budget_project', 'expenditure', 'grand_total', 'project'),
        ('budget_reserve', 'expenditure', 'grand_total', 'reserve'),
        ('budget_fiscal_basic', 'fiscal_appropriation_basic_expenditure', 'grand_total', 'amount'),
        ('budget_general_budget_basic', 'general_budget_basic_expenditure', 'grand_total', 'amount'),
        ('budget_general_budget_basic', 'general_budget_basic_expenditure', 'grand_total', 'total'),
        ('budget_three_public_total', 'three_public', 'total', 'budget'),
        ('budget_overseas', 'three_public', 'overseas', 'budget'),
        ('budget_vehicle_total', 'three_public', 'vehicle_total', 'budget'),
        ('budget_vehicle_purchase', 'three_public', 'vehicle_purchase', 'budget'),
        ('budget_vehicle_operation', 'three_public', 'vehicle_operation', 'budget'),
        ('budget_reception', 'three_public', 'reception', 'budget'),
        ('budget_meeting', 'three_public', 'meeting', 'budget'),
        ('budget_training', 'three_public', 'training', 'budget'),
        ('budget_operating_cost', 'operating_cost', 'grand_total', 'amount'),
        ('budget_operating_cost', 'three_public', 'operating_cost', 'budget'),
        ('budget_procurement_total', 'procurement', 'grand_total', 'amount')
    ) as topic_map (topic, table_name, line_item, measure)  -- noqa: AL05
),

labelled as (
    select
        lines.document_id,
        topics.topic,
        null as subject_code,
        lines.table_name,
        lines.amount_wan,
        lines.half_unit_wan,
        lines.value_text,
        lines.page_number,
        1 as preference,
        0 as statistic_seq
    from topics
    inner join lines
        on
            topics.table_name = lines.table_name
            and topics.line_item = lines.line_item
            and topics.measure = lines.measure
),

-- "一般公共服务支出（类）595.23万元": the 类 line of the 一般公共预算 expenditure table,
-- or, where that table prints 项 only (Hubei), the 一般公共预算 column of the 财政拨款总表
classes as (
    select
        document_id,
        'general_budget_class' as topic,
        subject_code,
        table_name,
        amount_wan,
        half_unit_wan,
        value_text,
        page_number,
        case when table_name = 'general_budget_expenditure' then 1 else 2 end as preference,
        0 as statistic_seq
    from lines
    where
        length(subject_code) = 3
        and (
            (table_name = 'general_budget_expenditure' and measure = 'total')
            or (table_name = 'fiscal_appropriation_summary' and measure = 'general_budget')
        )
),

-- 部门决算公开相关信息统计表: 政府采购 合计 / 货物 / 工程 / 服务 by their printed
-- labels, and 机关运行经费 where its section prints one figure
statistic_topics as (
    select
        document_id,
        null as subject_code,
        'disclosure_statistics' as table_name,
        value as amount_wan,
        {{ printed_half_unit_wan('value_text', "'万元'", 'false') }} as half_unit_wan,
        value_text,
        page_number,
        statistic_seq,
        1 as preference,
        case
            when regexp_matches(item, '采购.*/.*(合计|总额)') then 'procurement_total'
            when regexp_matches(item, '采购.*/.*货物') then 'procurement_goods'
            when regexp_matches(item, '采购.*/.*工程') then 'procurement_works'
            when regexp_matches(item, '采购.*/.*服务') then 'procurement_services'
        end as topic
    from statistics
    where unit is null or unit = '万元'
),

operating_cost as (
    select
        document_id,
        'operating_cost' as topic,
        null as subject_code,
        'disclosure_statistics' as table_name,
        any_value(value) as amount_wan,
        any_value(value_text) as value_text,
        any_value({{ printed_half_unit_wan('value_text', "'万元'", 'false') }}) as half_unit_wan,
        min(page_number) as page_number,
        1 as preference,
        0 as statistic_seq
    from statistics
    where item like '%机关运行经费%' and (unit is null or unit = '万元')
    group by document_id
    having count(*) = 1
),

-- every source's candidates, then one pick per document, topic and 类 code: the
-- preferred table, the first page, the first printed cell
candidates as (
    select * from labelled
    union all by name
    select * from classes
    union all by name
    select * from statistic_topics
    where topic is not null
    union all by name
    select * from operating_cost
),

-- a report published as several PDFs (情况说明 and tables apart): a document's text is
-- compared with the tables of its own PDF first, else of the report's other PDFs
reports as (
    select
        document_id,
        {{ report_id('document_id', 'report_kind', 'scope', 'fiscal_year', 'unit_name', 'region') }} as report_id
    from {{ ref('stg_documents') }}
)

select
    readers.document_id,
    candidates.topic,
    candidates.subject_code,
    candidates.table_name,
    candidates.amount_wan,
    candidates.half_unit_wan,
    candidates.value_text,
    candidates.page_number
from candidates
inner join reports as printers on candidates.document_id = printers.document_id
inner join reports as readers on printers.report_id = readers.report_id
qualify
    row_number() over (
        partition by readers.document_id, candidates.topic, candidates.subject_code
        order by
            candidates.document_id != readers.document_id, candidates.preference, candidates.page_number,
            candidates.statistic_seq
    ) = 1
