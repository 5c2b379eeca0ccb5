-- The table figure each narrative topic describes (one printed figure per
-- document, topic and 类 code); topics no table holds have no row here.
with lines as (
    select * from {{ ref('fct_budget_line') }}
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
        ('three_public_reception_actual', 'three_public', 'reception', 'actual')
    ) as topic_map (topic, table_name, line_item, measure)  -- noqa: AL05
),

labelled as (
    select
        lines.document_id,
        topics.topic,
        null as subject_code,
        lines.table_name,
        lines.amount_wan,
        lines.value_text,
        lines.page_number
    from topics
    inner join lines
        on
            topics.table_name = lines.table_name
            and topics.line_item = lines.line_item
            and topics.measure = lines.measure
),

-- "一般公共服务支出（类）595.23万元": the 类 line of the 一般公共预算 expenditure table
classes as (
    select
        document_id,
        'general_budget_class' as topic,
        subject_code,
        table_name,
        amount_wan,
        value_text,
        page_number
    from lines
    where table_name = 'general_budget_expenditure' and measure = 'total' and length(subject_code) = 3
)

select * from labelled
qualify row_number() over (partition by document_id, topic order by page_number) = 1
union all
select * from classes
qualify row_number() over (partition by document_id, subject_code order by page_number) = 1
