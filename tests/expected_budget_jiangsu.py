"""Figures read by eye off the rendered pages of the Jiangsu 部门预算 PDFs (pdfplumber to_image, 110 dpi)."""

CONGRESS_2017 = "jiangsu_省人大常委会办公厅_2017_dept_budget.pdf"
PROCURATORATE_2018 = "jiangsu_省人民检察院_2018_dept_budget.pdf"
PARTY_OFFICE_TABLES_2018 = "jiangsu_省委办公厅_2018_dept_budget_tables.pdf"
PARTY_OFFICE_TEXT_2018 = "jiangsu_省委办公厅_2018_dept_budget_text.pdf"

# Every table printed, in print order: (table_name, title as printed (no spaces), first_page, last_page, unit, has_figures)
# first_page is the page carrying the printed title (for two tables of the 2017 file the title stands alone at the
# foot of one page and the grid starts on the next one); last_page is the last page with rows of the grid.
# Titles include the "公开NN表：" prefix where the page prints one on the title line.
TABLES = {
    CONGRESS_2017: [
        ("income_expenditure_summary", "收支预算总表", 7, 9, "万元", True),
        ("income", "收入预算总表", 9, 10, "万元", True),
        ("expenditure", "支出预算总表", 10, 10, "万元", True),
        # p11 shows only this table. The text layer of p11 ALSO carries a copy of 财政拨款基本支出预算表 and the head
        # of 财政拨款政府性基金支出预算表, placed below the bottom edge of the page (y = 841..2686 pt on an 842 pt
        # page): nothing of it is rendered, so it is not a printed table and is not listed here.
        ("fiscal_appropriation_expenditure", "财政拨款支出预算表", 11, 11, "万元", True),
        # printed after 财政拨款支出预算表 although the 目录 lists it before (四 vs 五)
        ("fiscal_appropriation_summary", "财政拨款收支预算总表", 12, 12, "万元", True),
        # title at the foot of p12, grid p13-15: printed once only
        ("fiscal_appropriation_basic_expenditure", "财政拨款基本支出预算表", 12, 15, "万元", True),
        # empty grid, note "(无政府性基金支出）" (目录 calls it 政府性基金支出预算表)
        ("government_fund", "财政拨款政府性基金支出预算表", 15, 15, "万元", False),
        ("general_budget_expenditure", "一般公共预算支出预算表", 16, 17, "万元", True),
        ("general_budget_basic_expenditure", "一般公共预算基本支出预算表", 17, 18, "万元", True),
        # title at the foot of p18, 部门/单位 line and grid on p19
        ("operating_cost", "一般公共预算机关运行经费支出预算表", 18, 19, "万元", True),
        # title wraps: "…支出预算" / "表"
        ("three_public", "“三公”经费、会议费、培训费支出预算表", 20, 20, "万元", True),
        ("procurement", "2017年政府采购预算表", 20, 23, "万元", True),
    ],
    PROCURATORATE_2018: [
        ("income_expenditure_summary", "公开01表：收支预算总表", 13, 14, "万元", True),
        ("income", "公开02表：收入预算总表", 14, 14, "万元", True),
        ("expenditure", "公开03表：支出预算总表", 15, 15, "万元", True),
        ("fiscal_appropriation_summary", "公开04表：财政拨款收支预算总表", 15, 15, "万元", True),
        ("fiscal_appropriation_expenditure", "公开05表：财政拨款支出预算表", 15, 16, "万元", True),
        ("fiscal_appropriation_basic_expenditure", "公开06表：财政拨款基本支出预算表", 16, 17, "万元", True),
        ("general_budget_expenditure", "公开07表：一般公共预算支出预算表", 17, 18, "万元", True),
        ("general_budget_basic_expenditure", "公开08表：一般公共预算基本支出预算表", 18, 19, "万元", True),
        # title wraps after 培训费
        ("three_public", "公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表", 19, 19, "万元", True),
        # grid says "此表为空", note "说明：本部门无相关收支项目。" (目录: 政府性基金财政拨款支出预算表)
        ("government_fund", "公开10表：政府性基金支出预算表", 19, 19, "万元", False),
        ("operating_cost", "公开11表：一般公共预算机关运行经费支出预算表", 20, 20, "万元", True),
        ("procurement", "公开12表：政府采购支出预算表", 20, 23, "万元", True),
    ],
    PARTY_OFFICE_TABLES_2018: [
        # p1 cover, p2 目录 (a two-column 序号 | 报表名称 list, no figures, not a budget table)
        ("income_expenditure_summary", "收支预算总表", 3, 3, "万元", True),
        ("income", "收入预算总表", 4, 4, "万元", True),
        ("expenditure", "支出预算总表", 5, 5, "万元", True),
        ("fiscal_appropriation_summary", "财政拨款收支预算总表", 6, 6, "万元", True),
        ("fiscal_appropriation_expenditure", "财政拨款支出预算表", 7, 7, "万元", True),
        ("fiscal_appropriation_basic_expenditure", "财政拨款基本支出预算表", 8, 8, "万元", True),
        ("general_budget_expenditure", "一般公共预算支出预算表", 9, 9, "万元", True),
        ("general_budget_basic_expenditure", "一般公共预算基本支出预算表", 10, 10, "万元", True),
        ("three_public", "“三公”经费、会议费、培训费支出预算表", 11, 11, "万元", True),
        # empty grid, note "注：本部门无相关收支项目"
        ("government_fund", "财政拨款政府性基金支出预算表", 12, 12, "万元", False),
        ("operating_cost", "一般公共预算机关运行经费支出预算表", 13, 13, "万元", True),
        ("procurement", "2018年政府采购预算表", 14, 15, "万元", True),
    ],
    # narrative only: p5 says "第二部分 2018年度部门预算表 / 具体公开表样附后" and no page prints a table
    PARTY_OFFICE_TEXT_2018: [],
}

# (table_name, page_number, row_key, measure, printed_text): every printed figure of every table
EXPECTED = {
    CONGRESS_2017: [
        # 收支预算总表 p7-9
        ("income_expenditure_summary", 7, "fiscal_appropriation_income", "amount", "13,649.07"),
        ("income_expenditure_summary", 7, "general_budget_income", "amount", "13,649.07"),
        ("income_expenditure_summary", 7, "201", "amount", "10,528.33"),
        ("income_expenditure_summary", 7, "basic_expenditure", "amount", "7,666.68"),
        ("income_expenditure_summary", 7, "project_expenditure", "amount", "5,853.96"),
        ("income_expenditure_summary", 7, "reserve", "amount", "128.43"),
        ("income_expenditure_summary", 7, "208", "amount", "1,608.51"),
        ("income_expenditure_summary", 8, "221", "amount", "1,512.23"),
        ("income_expenditure_summary", 8, "total_income", "amount", "13,649.07"),
        ("income_expenditure_summary", 8, "total_expenditure", "amount", "13,649.07"),
        ("income_expenditure_summary", 9, "grand_total_income", "amount", "13,649.07"),
        ("income_expenditure_summary", 9, "grand_total_expenditure", "amount", "13,649.07"),
        # 收入预算总表 p9 (rows continue on p10, all blank there)
        ("income", 9, "grand_total", "amount", "13,649.07"),
        ("income", 9, "general_budget_income", "amount", "13,649.07"),
        ("income", 9, "general_budget_appropriation", "amount", "13,649.07"),
        # 支出预算总表 p10 (totals row only; 结转下年资金 blank)
        ("expenditure", 10, "grand_total", "total", "13,649.07"),
        ("expenditure", 10, "grand_total", "basic", "7,666.68"),
        ("expenditure", 10, "grand_total", "project", "5,853.96"),
        ("expenditure", 10, "grand_total", "reserve", "128.43"),
        # 财政拨款支出预算表 p11
        ("fiscal_appropriation_expenditure", 11, "grand_total", "amount", "13,649.07"),
        ("fiscal_appropriation_expenditure", 11, "201", "amount", "10,528.33"),
        ("fiscal_appropriation_expenditure", 11, "20101", "amount", "10,528.33"),
        ("fiscal_appropriation_expenditure", 11, "2010101", "amount", "4,545.94"),
        ("fiscal_appropriation_expenditure", 11, "2010102", "amount", "2,468.78"),
        ("fiscal_appropriation_expenditure", 11, "2010104", "amount", "1,305.25"),
        ("fiscal_appropriation_expenditure", 11, "2010105", "amount", "810.00"),
        ("fiscal_appropriation_expenditure", 11, "2010106", "amount", "418.75"),
        ("fiscal_appropriation_expenditure", 11, "2010107", "amount", "403.75"),
        ("fiscal_appropriation_expenditure", 11, "2010108", "amount", "428.36"),
        ("fiscal_appropriation_expenditure", 11, "2010109", "amount", "47.50"),
        ("fiscal_appropriation_expenditure", 11, "2010199", "amount", "100.00"),
        ("fiscal_appropriation_expenditure", 11, "208", "amount", "1,608.51"),
        ("fiscal_appropriation_expenditure", 11, "20805", "amount", "1,608.51"),
        ("fiscal_appropriation_expenditure", 11, "2080504", "amount", "1,608.51"),
        ("fiscal_appropriation_expenditure", 11, "221", "amount", "1,512.23"),
        ("fiscal_appropriation_expenditure", 11, "22102", "amount", "1,512.23"),
        ("fiscal_appropriation_expenditure", 11, "2210201", "amount", "494.22"),
        ("fiscal_appropriation_expenditure", 11, "2210202", "amount", "1,018.01"),
        # 财政拨款收支预算总表 p12
        ("fiscal_appropriation_summary", 12, "general_budget_income", "amount", "13,649.07"),
        ("fiscal_appropriation_summary", 12, "basic_expenditure", "amount", "7,666.68"),
        ("fiscal_appropriation_summary", 12, "project_expenditure", "amount", "5,853.96"),
        ("fiscal_appropriation_summary", 12, "reserve", "amount", "128.43"),
        ("fiscal_appropriation_summary", 12, "grand_total_income", "amount", "13,649.07"),
        ("fiscal_appropriation_summary", 12, "grand_total_expenditure", "amount", "13,649.07"),
        # 财政拨款基本支出预算表: title p12, figures p13-15
        ("fiscal_appropriation_basic_expenditure", 13, "grand_total", "amount", "7,666.68"),
        ("fiscal_appropriation_basic_expenditure", 13, "301", "amount", "2,928.98"),
        ("fiscal_appropriation_basic_expenditure", 13, "30101", "amount", "1,015.15"),
        ("fiscal_appropriation_basic_expenditure", 13, "30102", "amount", "1,822.05"),
        ("fiscal_appropriation_basic_expenditure", 13, "30103", "amount", "83.60"),
        ("fiscal_appropriation_basic_expenditure", 13, "30107", "amount", "8.18"),
        ("fiscal_appropriation_basic_expenditure", 13, "302", "amount", "1,585.96"),
        ("fiscal_appropriation_basic_expenditure", 13, "30201", "amount", "370.00"),
        ("fiscal_appropriation_basic_expenditure", 13, "30205", "amount", "50.00"),
        ("fiscal_appropriation_basic_expenditure", 13, "30206", "amount", "350.00"),
        ("fiscal_appropriation_basic_expenditure", 13, "30207", "amount", "45.00"),
        ("fiscal_appropriation_basic_expenditure", 13, "30211", "amount", "230.00"),
        ("fiscal_appropriation_basic_expenditure", 14, "30228", "amount", "21.00"),
        ("fiscal_appropriation_basic_expenditure", 14, "30229", "amount", "50.00"),
        ("fiscal_appropriation_basic_expenditure", 14, "30231", "amount", "183.60"),
        ("fiscal_appropriation_basic_expenditure", 14, "30239", "amount", "266.46"),
        ("fiscal_appropriation_basic_expenditure", 14, "30299", "amount", "19.90"),
        ("fiscal_appropriation_basic_expenditure", 14, "303", "amount", "3,151.74"),
        ("fiscal_appropriation_basic_expenditure", 14, "30301", "amount", "213.23"),
        ("fiscal_appropriation_basic_expenditure", 14, "30302", "amount", "1,395.28"),
        ("fiscal_appropriation_basic_expenditure", 14, "30307", "amount", "30.24"),
        ("fiscal_appropriation_basic_expenditure", 14, "30309", "amount", "0.76"),
        ("fiscal_appropriation_basic_expenditure", 14, "30311", "amount", "494.22"),
        ("fiscal_appropriation_basic_expenditure", 15, "30312", "amount", "1,018.01"),
        # 一般公共预算支出预算表 p16-17
        ("general_budget_expenditure", 16, "grand_total", "amount", "13,649.07"),
        ("general_budget_expenditure", 16, "201", "amount", "10,528.33"),
        ("general_budget_expenditure", 16, "20101", "amount", "10,528.33"),
        ("general_budget_expenditure", 16, "2010101", "amount", "4,545.94"),
        ("general_budget_expenditure", 16, "2010102", "amount", "2,468.78"),
        ("general_budget_expenditure", 16, "2010104", "amount", "1,305.25"),
        ("general_budget_expenditure", 16, "2010105", "amount", "810.00"),
        ("general_budget_expenditure", 16, "2010106", "amount", "418.75"),
        ("general_budget_expenditure", 16, "2010107", "amount", "403.75"),
        ("general_budget_expenditure", 16, "2010108", "amount", "428.36"),
        ("general_budget_expenditure", 16, "2010109", "amount", "47.50"),
        ("general_budget_expenditure", 16, "2010199", "amount", "100.00"),
        ("general_budget_expenditure", 16, "208", "amount", "1,608.51"),
        ("general_budget_expenditure", 16, "20805", "amount", "1,608.51"),
        ("general_budget_expenditure", 17, "2080504", "amount", "1,608.51"),
        ("general_budget_expenditure", 17, "221", "amount", "1,512.23"),
        ("general_budget_expenditure", 17, "22102", "amount", "1,512.23"),
        ("general_budget_expenditure", 17, "2210201", "amount", "494.22"),
        ("general_budget_expenditure", 17, "2210202", "amount", "1,018.01"),
        # 一般公共预算基本支出预算表 p17-18 (figures right-aligned against the cell border)
        ("general_budget_basic_expenditure", 17, "grand_total", "amount", "7,666.68"),
        ("general_budget_basic_expenditure", 17, "301", "amount", "2,928.98"),
        ("general_budget_basic_expenditure", 17, "30101", "amount", "1,015.15"),
        ("general_budget_basic_expenditure", 17, "30102", "amount", "1,822.05"),
        ("general_budget_basic_expenditure", 17, "30103", "amount", "83.60"),
        ("general_budget_basic_expenditure", 17, "30107", "amount", "8.18"),
        ("general_budget_basic_expenditure", 17, "302", "amount", "1,585.96"),
        ("general_budget_basic_expenditure", 17, "30201", "amount", "370.00"),
        ("general_budget_basic_expenditure", 18, "30205", "amount", "50.00"),
        ("general_budget_basic_expenditure", 18, "30206", "amount", "350.00"),
        ("general_budget_basic_expenditure", 18, "30207", "amount", "45.00"),
        ("general_budget_basic_expenditure", 18, "30211", "amount", "230.00"),
        ("general_budget_basic_expenditure", 18, "30228", "amount", "21.00"),
        ("general_budget_basic_expenditure", 18, "30229", "amount", "50.00"),
        ("general_budget_basic_expenditure", 18, "30231", "amount", "183.60"),
        ("general_budget_basic_expenditure", 18, "30239", "amount", "266.46"),
        ("general_budget_basic_expenditure", 18, "30299", "amount", "19.90"),
        ("general_budget_basic_expenditure", 18, "303", "amount", "3,151.74"),
        ("general_budget_basic_expenditure", 18, "30301", "amount", "213.23"),
        ("general_budget_basic_expenditure", 18, "30302", "amount", "1,395.28"),
        ("general_budget_basic_expenditure", 18, "30307", "amount", "30.24"),
        ("general_budget_basic_expenditure", 18, "30309", "amount", "0.76"),
        ("general_budget_basic_expenditure", 18, "30311", "amount", "494.22"),
        ("general_budget_basic_expenditure", 18, "30312", "amount", "1,018.01"),
        # 一般公共预算机关运行经费支出预算表: title p18, figures p19
        ("operating_cost", 19, "grand_total", "amount", "5,619.31"),
        ("operating_cost", 19, "302", "amount", "5,560.31"),
        ("operating_cost", 19, "30201", "amount", "770.50"),
        ("operating_cost", 19, "30202", "amount", "244.00"),
        ("operating_cost", 19, "30205", "amount", "50.00"),
        ("operating_cost", 19, "30206", "amount", "350.00"),
        ("operating_cost", 19, "30207", "amount", "90.00"),
        ("operating_cost", 19, "30208", "amount", "80.00"),
        ("operating_cost", 19, "30209", "amount", "456.00"),
        ("operating_cost", 19, "30211", "amount", "1,293.36"),
        ("operating_cost", 19, "30215", "amount", "1,305.25"),
        ("operating_cost", 19, "30229", "amount", "50.00"),
        ("operating_cost", 19, "30231", "amount", "183.60"),
        ("operating_cost", 19, "30299", "amount", "687.60"),
        ("operating_cost", 19, "310", "amount", "59.00"),
        ("operating_cost", 19, "31002", "amount", "59.00"),
        # 三公 p20. The "0" is printed lower than the other figures of the row, centred in the 公务用车购置费 cell
        # (x 272-276 pt, cell 228-305 pt); extract_text puts it on a line of its own after the row.
        ("three_public", 20, "grand_total", "budget", "2,542.60"),
        ("three_public", 20, "total", "budget", "833.60"),
        ("three_public", 20, "overseas", "budget", "222.50"),
        ("three_public", 20, "vehicle_total", "budget", "183.60"),
        ("three_public", 20, "vehicle_purchase", "budget", "0"),
        ("three_public", 20, "vehicle_operation", "budget", "183.60"),
        ("three_public", 20, "reception", "budget", "427.50"),
        ("three_public", 20, "meeting", "budget", "1,305.25"),
        ("three_public", 20, "training", "budget", "403.75"),
        # 2017年政府采购预算表 p20-23 (总计 column)
        ("procurement", 20, "grand_total", "amount", "2,247.85"),
        ("procurement", 20, "procurement_goods", "amount", "59.00"),
        ("procurement", 21, "procurement_item", "amount", "59.00"),     # 办公设备购置费 / 办公设备购置
        ("procurement", 21, "procurement_item", "amount", "10.00"),     # 台式计算机（20万以下）
        ("procurement", 21, "procurement_item", "amount", "14.00"),     # 便携式计算机（20万以下）
        ("procurement", 21, "procurement_item", "amount", "8.00"),      # 其他办公设备
        ("procurement", 21, "procurement_item", "amount", "4.00"),      # 图书和档案
        ("procurement", 21, "procurement_item", "amount", "23.00"),     # 家具用具
        ("procurement", 21, "procurement_services", "amount", "2,188.85"),
        ("procurement", 21, "procurement_item", "amount", "183.60"),    # 交通运行费 / 公务用车运行维护费
        ("procurement", 21, "procurement_item", "amount", "183.60"),    # 车辆维修和保养服务
        ("procurement", 21, "procurement_item", "amount", "456.00"),    # 综合管理费 / 物业管理费
        ("procurement", 21, "procurement_item", "amount", "300.00"),    # 空调、电梯维修和保养服务
        ("procurement", 22, "procurement_item", "amount", "156.00"),    # 建筑物清洁服务
        ("procurement", 22, "procurement_item", "amount", "229.00"),    # 常委会会议经费及省人大工作会议经费 / 会议费
        ("procurement", 22, "procurement_item", "amount", "229.00"),    # 会议服务
        ("procurement", 22, "procurement_item", "amount", "950.00"),    # 江苏省第十二届人代会五次会议经费 / 会议费
        ("procurement", 22, "procurement_item", "amount", "950.00"),    # 会议服务
        ("procurement", 22, "procurement_item", "amount", "126.25"),    # 全国人代会江苏代表团工作经费 / 会议费
        ("procurement", 22, "procurement_item", "amount", "126.25"),    # 会议服务
        ("procurement", 22, "procurement_item", "amount", "94.00"),     # 办公印刷费 / 印刷费
        ("procurement", 22, "procurement_item", "amount", "94.00"),     # 印刷服务
        ("procurement", 22, "procurement_item", "amount", "30.00"),     # 专职人员活动费 / 印刷费
        ("procurement", 23, "procurement_item", "amount", "30.00"),     # 印刷服务
        ("procurement", 23, "procurement_item", "amount", "120.00"),    # 立法费及法制专刊费 / 印刷费
        ("procurement", 23, "procurement_item", "amount", "120.00"),    # 印刷服务
    ],
    PROCURATORATE_2018: [
        # 公开01表 收支预算总表 p13-14
        ("income_expenditure_summary", 13, "fiscal_appropriation_income", "amount", "21,940.96"),
        ("income_expenditure_summary", 13, "general_budget_income", "amount", "21,940.96"),
        ("income_expenditure_summary", 13, "other_funds_income", "amount", "14.39"),  # 三、其他资金
        ("income_expenditure_summary", 13, "204", "amount", "16,458.75"),
        ("income_expenditure_summary", 13, "208", "amount", "1,836.22"),
        ("income_expenditure_summary", 13, "basic_expenditure", "amount", "13,994.31"),
        ("income_expenditure_summary", 13, "project_expenditure", "amount", "5,573.00"),
        ("income_expenditure_summary", 13, "reserve", "amount", "2,388.04"),
        ("income_expenditure_summary", 14, "221", "amount", "3,660.38"),
        ("income_expenditure_summary", 14, "total_income", "amount", "21,955.35"),
        ("income_expenditure_summary", 14, "total_expenditure", "amount", "21,955.35"),
        ("income_expenditure_summary", 14, "grand_total_income", "amount", "21,955.35"),
        ("income_expenditure_summary", 14, "grand_total_expenditure", "amount", "21,955.35"),
        # 公开02表 收入预算总表 p14
        ("income", 14, "grand_total", "amount", "21,955.35"),
        ("income", 14, "general_budget_income", "amount", "21,940.96"),
        ("income", 14, "general_budget_appropriation", "amount", "21,940.96"),
        ("income", 14, "other_funds_income", "amount", "14.39"),
        ("income", 14, "other_income", "amount", "14.39"),
        # 公开03表 支出预算总表 p15 (totals row only; 结转下年资金 blank)
        ("expenditure", 15, "grand_total", "total", "21,955.35"),
        ("expenditure", 15, "grand_total", "basic", "13,994.31"),
        ("expenditure", 15, "grand_total", "project", "5,573.00"),
        ("expenditure", 15, "grand_total", "reserve", "2,388.04"),
        # 公开04表 财政拨款收支预算总表 p15
        ("fiscal_appropriation_summary", 15, "general_budget_income", "amount", "21,940.96"),
        ("fiscal_appropriation_summary", 15, "basic_expenditure", "amount", "13,979.92"),
        ("fiscal_appropriation_summary", 15, "project_expenditure", "amount", "5,573.00"),
        ("fiscal_appropriation_summary", 15, "reserve", "amount", "2,388.04"),
        ("fiscal_appropriation_summary", 15, "grand_total_income", "amount", "21,940.96"),
        ("fiscal_appropriation_summary", 15, "grand_total_expenditure", "amount", "21,940.96"),
        # 公开05表 财政拨款支出预算表 p15-16
        ("fiscal_appropriation_expenditure", 15, "grand_total", "amount", "21,940.96"),
        ("fiscal_appropriation_expenditure", 15, "204", "amount", "16,444.36"),
        ("fiscal_appropriation_expenditure", 15, "20404", "amount", "16,444.36"),
        ("fiscal_appropriation_expenditure", 15, "2040401", "amount", "10,883.36"),
        ("fiscal_appropriation_expenditure", 16, "2040402", "amount", "3,666.00"),
        ("fiscal_appropriation_expenditure", 16, "2040405", "amount", "1895.00"),  # printed without the comma
        ("fiscal_appropriation_expenditure", 16, "208", "amount", "1,836.22"),
        ("fiscal_appropriation_expenditure", 16, "20805", "amount", "1,836.22"),
        ("fiscal_appropriation_expenditure", 16, "2080504", "amount", "371.92"),
        ("fiscal_appropriation_expenditure", 16, "2080505", "amount", "1,045.93"),
        ("fiscal_appropriation_expenditure", 16, "2080506", "amount", "418.37"),
        ("fiscal_appropriation_expenditure", 16, "221", "amount", "3,660.38"),
        ("fiscal_appropriation_expenditure", 16, "22102", "amount", "3,660.38"),
        ("fiscal_appropriation_expenditure", 16, "2210201", "amount", "1,073.77"),
        ("fiscal_appropriation_expenditure", 16, "2210202", "amount", "2,586.61"),
        # 公开06表 财政拨款基本支出预算表 p16-17 (30211 差旅费 is printed after 30299, as in 08 and 11)
        ("fiscal_appropriation_basic_expenditure", 16, "grand_total", "amount", "13,979.92"),
        ("fiscal_appropriation_basic_expenditure", 16, "301", "amount", "10,204.52"),
        ("fiscal_appropriation_basic_expenditure", 16, "30101", "amount", "2,117.68"),
        ("fiscal_appropriation_basic_expenditure", 16, "30102", "amount", "5,081.98"),
        ("fiscal_appropriation_basic_expenditure", 16, "30103", "amount", "175.44"),
        ("fiscal_appropriation_basic_expenditure", 16, "30108", "amount", "1,045.93"),
        ("fiscal_appropriation_basic_expenditure", 16, "30109", "amount", "418.37"),
        ("fiscal_appropriation_basic_expenditure", 16, "30112", "amount", "78.09"),
        ("fiscal_appropriation_basic_expenditure", 16, "30113", "amount", "1,073.77"),
        ("fiscal_appropriation_basic_expenditure", 16, "30114", "amount", "49.68"),
        ("fiscal_appropriation_basic_expenditure", 16, "30199", "amount", "163.58"),
        ("fiscal_appropriation_basic_expenditure", 16, "302", "amount", "2,722.57"),
        ("fiscal_appropriation_basic_expenditure", 16, "30201", "amount", "130.00"),
        ("fiscal_appropriation_basic_expenditure", 16, "30205", "amount", "18.92"),
        ("fiscal_appropriation_basic_expenditure", 16, "30206", "amount", "262.00"),
        ("fiscal_appropriation_basic_expenditure", 17, "30207", "amount", "60.00"),
        ("fiscal_appropriation_basic_expenditure", 17, "30213", "amount", "65.00"),
        ("fiscal_appropriation_basic_expenditure", 17, "30215", "amount", "200.44"),
        ("fiscal_appropriation_basic_expenditure", 17, "30217", "amount", "36.50"),
        ("fiscal_appropriation_basic_expenditure", 17, "30218", "amount", "30.00"),
        ("fiscal_appropriation_basic_expenditure", 17, "30228", "amount", "128.00"),
        ("fiscal_appropriation_basic_expenditure", 17, "30229", "amount", "16.00"),
        ("fiscal_appropriation_basic_expenditure", 17, "30231", "amount", "267.80"),
        ("fiscal_appropriation_basic_expenditure", 17, "30239", "amount", "468.37"),
        ("fiscal_appropriation_basic_expenditure", 17, "30299", "amount", "994.54"),
        ("fiscal_appropriation_basic_expenditure", 17, "30211", "amount", "45.00"),
        ("fiscal_appropriation_basic_expenditure", 17, "303", "amount", "1,052.83"),
        ("fiscal_appropriation_basic_expenditure", 17, "30301", "amount", "428.51"),
        ("fiscal_appropriation_basic_expenditure", 17, "30302", "amount", "623.28"),
        ("fiscal_appropriation_basic_expenditure", 17, "30309", "amount", "1.04"),
        # 公开07表 一般公共预算支出预算表 p17-18
        ("general_budget_expenditure", 17, "grand_total", "amount", "21,940.96"),
        ("general_budget_expenditure", 17, "204", "amount", "16,444.36"),
        ("general_budget_expenditure", 17, "20404", "amount", "16,444.36"),
        ("general_budget_expenditure", 17, "2040401", "amount", "10,883.36"),
        ("general_budget_expenditure", 17, "2040402", "amount", "3,666.00"),
        ("general_budget_expenditure", 17, "2040405", "amount", "1895.00"),  # printed without the comma
        ("general_budget_expenditure", 17, "208", "amount", "1,836.22"),
        ("general_budget_expenditure", 17, "20805", "amount", "1,836.22"),
        ("general_budget_expenditure", 17, "2080504", "amount", "371.92"),
        ("general_budget_expenditure", 17, "2080505", "amount", "1,045.93"),
        ("general_budget_expenditure", 17, "2080506", "amount", "418.37"),
        ("general_budget_expenditure", 18, "221", "amount", "3,660.38"),
        ("general_budget_expenditure", 18, "22102", "amount", "3,660.38"),
        ("general_budget_expenditure", 18, "2210201", "amount", "1,073.77"),
        ("general_budget_expenditure", 18, "2210202", "amount", "2,586.61"),
        # 公开08表 一般公共预算基本支出预算表 p18-19
        ("general_budget_basic_expenditure", 18, "grand_total", "amount", "13,979.92"),
        ("general_budget_basic_expenditure", 18, "301", "amount", "10,204.52"),
        ("general_budget_basic_expenditure", 18, "30101", "amount", "2,117.68"),
        ("general_budget_basic_expenditure", 18, "30102", "amount", "5,081.98"),
        ("general_budget_basic_expenditure", 18, "30103", "amount", "175.44"),
        ("general_budget_basic_expenditure", 18, "30108", "amount", "1,045.93"),
        ("general_budget_basic_expenditure", 18, "30109", "amount", "418.37"),
        ("general_budget_basic_expenditure", 18, "30112", "amount", "78.09"),
        ("general_budget_basic_expenditure", 18, "30113", "amount", "1,073.77"),
        ("general_budget_basic_expenditure", 18, "30114", "amount", "49.68"),
        ("general_budget_basic_expenditure", 18, "30199", "amount", "163.58"),
        ("general_budget_basic_expenditure", 18, "302", "amount", "2,722.57"),
        ("general_budget_basic_expenditure", 18, "30201", "amount", "130.00"),
        ("general_budget_basic_expenditure", 18, "30205", "amount", "18.92"),
        ("general_budget_basic_expenditure", 18, "30206", "amount", "262.00"),
        ("general_budget_basic_expenditure", 18, "30207", "amount", "60.00"),
        ("general_budget_basic_expenditure", 18, "30213", "amount", "65.00"),
        ("general_budget_basic_expenditure", 18, "30215", "amount", "200.44"),
        ("general_budget_basic_expenditure", 18, "30217", "amount", "36.50"),
        ("general_budget_basic_expenditure", 18, "30218", "amount", "30.00"),
        ("general_budget_basic_expenditure", 18, "30228", "amount", "128.00"),
        ("general_budget_basic_expenditure", 18, "30229", "amount", "16.00"),
        ("general_budget_basic_expenditure", 18, "30231", "amount", "267.80"),
        ("general_budget_basic_expenditure", 18, "30239", "amount", "468.37"),
        ("general_budget_basic_expenditure", 19, "30299", "amount", "994.54"),
        ("general_budget_basic_expenditure", 19, "30211", "amount", "45.00"),
        ("general_budget_basic_expenditure", 19, "303", "amount", "1,052.83"),
        ("general_budget_basic_expenditure", 19, "30301", "amount", "428.51"),
        ("general_budget_basic_expenditure", 19, "30302", "amount", "623.28"),
        ("general_budget_basic_expenditure", 19, "30309", "amount", "1.04"),
        # 公开09表 三公 p19 (公务用车购置费 cell blank)
        ("three_public", 19, "grand_total", "budget", "1,384.74"),
        ("three_public", 19, "total", "budget", "484.30"),
        ("three_public", 19, "overseas", "budget", "100.00"),
        ("three_public", 19, "vehicle_total", "budget", "267.80"),
        ("three_public", 19, "vehicle_operation", "budget", "267.80"),
        ("three_public", 19, "reception", "budget", "116.50"),
        ("three_public", 19, "meeting", "budget", "200.44"),
        ("three_public", 19, "training", "budget", "700.00"),
        # 公开11表 一般公共预算机关运行经费支出预算表 p20
        ("operating_cost", 20, "grand_total", "amount", "2,722.57"),
        ("operating_cost", 20, "302", "amount", "2,722.57"),
        ("operating_cost", 20, "30201", "amount", "130.00"),
        ("operating_cost", 20, "30205", "amount", "18.92"),
        ("operating_cost", 20, "30206", "amount", "262.00"),
        ("operating_cost", 20, "30207", "amount", "60.00"),
        ("operating_cost", 20, "30213", "amount", "65.00"),
        ("operating_cost", 20, "30215", "amount", "200.44"),
        ("operating_cost", 20, "30217", "amount", "36.50"),
        ("operating_cost", 20, "30218", "amount", "30.00"),
        ("operating_cost", 20, "30228", "amount", "128.00"),
        ("operating_cost", 20, "30229", "amount", "16.00"),
        ("operating_cost", 20, "30231", "amount", "267.80"),
        ("operating_cost", 20, "30239", "amount", "468.37"),
        ("operating_cost", 20, "30299", "amount", "994.54"),
        ("operating_cost", 20, "30211", "amount", "45.00"),
        # 公开12表 政府采购支出预算表 p20-23 (总计 column)
        ("procurement", 20, "grand_total", "amount", "3,096.24"),
        ("procurement", 20, "procurement_goods", "amount", "268.00"),
        ("procurement", 20, "procurement_item", "amount", "60.00"),     # 网络、电子检务…运行维护费 / 信息网络及软件购置更新
        ("procurement", 20, "procurement_item", "amount", "40.00"),     # PC服务器 部门集中采购
        ("procurement", 20, "procurement_item", "amount", "20.00"),     # 交换设备
        ("procurement", 21, "procurement_item", "amount", "40.00"),     # 专用设备购置
        ("procurement", 21, "procurement_item", "amount", "20.00"),     # 政法、检测专用设备
        ("procurement", 21, "procurement_item", "amount", "20.00"),     # 其他专用设备
        ("procurement", 21, "procurement_item", "amount", "146.00"),    # 办公、办案设备更新购置费 / 办公设备购置
        ("procurement", 21, "procurement_item", "amount", "27.00"),     # 台式计算机（20万以上） 部门集中采购
        ("procurement", 21, "procurement_item", "amount", "16.00"),     # 便携式计算机（20万以下）
        ("procurement", 21, "procurement_item", "amount", "15.00"),     # 打印设备（20万以下）
        ("procurement", 21, "procurement_item", "amount", "8.00"),      # 复印机
        ("procurement", 21, "procurement_item", "amount", "60.00"),     # 其他办公设备
        ("procurement", 21, "procurement_item", "amount", "20.00"),     # 家具用具
        ("procurement", 21, "procurement_item", "amount", "12.00"),     # 办公办案设备更新购置费 / 办公设备购置
        ("procurement", 21, "procurement_item", "amount", "12.00"),     # 台式计算机（20万以上）
        ("procurement", 21, "procurement_item", "amount", "10.00"),     # 办公设备购置 / 办公设备购置
        ("procurement", 21, "procurement_item", "amount", "1.60"),      # 台式计算机（20万以下） 政府集中采购
        ("procurement", 21, "procurement_item", "amount", "1.00"),      # 打印设备（20万以下） 政府集中采购
        ("procurement", 21, "procurement_item", "amount", "7.40"),      # 空调机（总预算20万以下）
        ("procurement", 21, "procurement_services", "amount", "2,828.24"),
        ("procurement", 21, "procurement_item", "amount", "60.00"),     # 网络、电子检务… / 信息网络及软件购置更新
        ("procurement", 21, "procurement_item", "amount", "40.00"),     # 软件开发服务
        ("procurement", 21, "procurement_item", "amount", "20.00"),     # 信息系统集成实施服务
        ("procurement", 22, "procurement_item", "amount", "580.00"),    # 维修（护）费
        ("procurement", 22, "procurement_item", "amount", "100.00"),    # 数据处理服务
        ("procurement", 22, "procurement_item", "amount", "270.00"),    # 运行维护服务
        ("procurement", 22, "procurement_item", "amount", "100.00"),    # 信息技术咨询服务
        ("procurement", 22, "procurement_item", "amount", "110.00"),    # 其他信息技术服务
        ("procurement", 22, "procurement_item", "amount", "480.00"),    # 租赁费
        ("procurement", 22, "procurement_item", "amount", "320.00"),    # 电信服务
        ("procurement", 22, "procurement_item", "amount", "70.00"),     # 互联网信息服务
        ("procurement", 22, "procurement_item", "amount", "90.00"),     # 其他电信和信息传输服务
        ("procurement", 22, "procurement_item", "amount", "4.00"),      # 网络运行维护费 / 维修（护）费
        ("procurement", 22, "procurement_item", "amount", "4.00"),      # 运行维护服务
        ("procurement", 22, "procurement_item", "amount", "16.00"),     # 租赁费
        ("procurement", 22, "procurement_item", "amount", "16.00"),     # 租赁服务（不带操作员）
        ("procurement", 22, "procurement_item", "amount", "267.80"),    # 交通运行费 / 公务用车运行维护费
        ("procurement", 22, "procurement_item", "amount", "267.80"),    # 车辆维修和保养服务
        ("procurement", 22, "procurement_item", "amount", "150.00"),    # 物业管理费 / 维修（护）费
        ("procurement", 22, "procurement_item", "amount", "50.00"),     # 空调、电梯维修和保养服务
        ("procurement", 22, "procurement_item", "amount", "70.00"),     # 其他维修和保养服务
        ("procurement", 22, "procurement_item", "amount", "30.00"),     # 环境服务
        ("procurement", 22, "procurement_item", "amount", "370.00"),    # 物业管理费
        ("procurement", 22, "procurement_item", "amount", "330.00"),    # 物业管理服务 部门集中采购
        ("procurement", 22, "procurement_item", "amount", "20.00"),     # 物业管理服务 分散自行组织
        ("procurement", 22, "procurement_item", "amount", "20.00"),     # 其他服务
        ("procurement", 23, "procurement_item", "amount", "200.44"),    # 商品和服务支出 / 会议费
        ("procurement", 23, "procurement_item", "amount", "200.44"),    # 会议服务
        ("procurement", 23, "procurement_item", "amount", "700.00"),    # 检察教育培训经费 / 培训费
        ("procurement", 23, "procurement_item", "amount", "700.00"),    # 教育服务
    ],
    PARTY_OFFICE_TABLES_2018: [
        # 收支预算总表 p3
        ("income_expenditure_summary", 3, "fiscal_appropriation_income", "amount", "24,458.43"),
        ("income_expenditure_summary", 3, "general_budget_income", "amount", "24,458.43"),
        ("income_expenditure_summary", 3, "201", "amount", "20,153.75"),
        ("income_expenditure_summary", 3, "basic_expenditure", "amount", "10,403.11"),
        ("income_expenditure_summary", 3, "project_expenditure", "amount", "12,081.46"),
        ("income_expenditure_summary", 3, "reserve", "amount", "1,973.86"),
        ("income_expenditure_summary", 3, "208", "amount", "1,289.52"),
        ("income_expenditure_summary", 3, "221", "amount", "3,015.16"),
        ("income_expenditure_summary", 3, "total_income", "amount", "24,458.43"),
        ("income_expenditure_summary", 3, "total_expenditure", "amount", "24,458.43"),
        ("income_expenditure_summary", 3, "grand_total_income", "amount", "24,458.43"),
        ("income_expenditure_summary", 3, "grand_total_expenditure", "amount", "24,458.43"),
        # 收入预算总表 p4
        ("income", 4, "grand_total", "amount", "24,458.43"),
        ("income", 4, "general_budget_income", "amount", "24,458.43"),
        ("income", 4, "general_budget_appropriation", "amount", "24,458.43"),
        # 支出预算总表 p5 (totals row only; 结转下年资金 blank)
        ("expenditure", 5, "grand_total", "total", "24,458.43"),
        ("expenditure", 5, "grand_total", "basic", "10,403.11"),
        ("expenditure", 5, "grand_total", "project", "12,081.46"),
        ("expenditure", 5, "grand_total", "reserve", "1,973.86"),
        # 财政拨款收支预算总表 p6
        ("fiscal_appropriation_summary", 6, "general_budget_income", "amount", "24,458.43"),
        ("fiscal_appropriation_summary", 6, "basic_expenditure", "amount", "10,403.11"),
        ("fiscal_appropriation_summary", 6, "project_expenditure", "amount", "12,081.46"),
        ("fiscal_appropriation_summary", 6, "reserve", "amount", "1,973.86"),
        ("fiscal_appropriation_summary", 6, "grand_total_income", "amount", "24,458.43"),
        ("fiscal_appropriation_summary", 6, "grand_total_expenditure", "amount", "24,458.43"),
        # 财政拨款支出预算表 p7
        ("fiscal_appropriation_expenditure", 7, "grand_total", "amount", "24,458.43"),
        ("fiscal_appropriation_expenditure", 7, "201", "amount", "20,153.75"),
        ("fiscal_appropriation_expenditure", 7, "20131", "amount", "20,153.75"),
        ("fiscal_appropriation_expenditure", 7, "2013101", "amount", "8,072.29"),
        ("fiscal_appropriation_expenditure", 7, "2013102", "amount", "12,081.46"),
        ("fiscal_appropriation_expenditure", 7, "208", "amount", "1,289.52"),
        ("fiscal_appropriation_expenditure", 7, "20805", "amount", "1,289.52"),
        ("fiscal_appropriation_expenditure", 7, "2080504", "amount", "248.77"),
        ("fiscal_appropriation_expenditure", 7, "2080505", "amount", "743.39"),
        ("fiscal_appropriation_expenditure", 7, "2080506", "amount", "297.36"),
        ("fiscal_appropriation_expenditure", 7, "221", "amount", "3,015.16"),
        ("fiscal_appropriation_expenditure", 7, "22102", "amount", "3,015.16"),
        ("fiscal_appropriation_expenditure", 7, "2210201", "amount", "715.28"),
        ("fiscal_appropriation_expenditure", 7, "2210202", "amount", "2,299.88"),
        # 财政拨款基本支出预算表 p8
        ("fiscal_appropriation_basic_expenditure", 8, "grand_total", "amount", "10,403.11"),
        ("fiscal_appropriation_basic_expenditure", 8, "301", "amount", "7,308.27"),
        ("fiscal_appropriation_basic_expenditure", 8, "30101", "amount", "1,475.07"),
        ("fiscal_appropriation_basic_expenditure", 8, "30102", "amount", "3,722.10"),
        ("fiscal_appropriation_basic_expenditure", 8, "30103", "amount", "115.45"),
        ("fiscal_appropriation_basic_expenditure", 8, "30107", "amount", "167.51"),
        ("fiscal_appropriation_basic_expenditure", 8, "30108", "amount", "743.39"),
        ("fiscal_appropriation_basic_expenditure", 8, "30109", "amount", "297.36"),
        ("fiscal_appropriation_basic_expenditure", 8, "30112", "amount", "1.31"),
        ("fiscal_appropriation_basic_expenditure", 8, "30113", "amount", "715.28"),
        ("fiscal_appropriation_basic_expenditure", 8, "30114", "amount", "63.36"),
        ("fiscal_appropriation_basic_expenditure", 8, "30199", "amount", "7.44"),
        ("fiscal_appropriation_basic_expenditure", 8, "302", "amount", "2,094.58"),
        ("fiscal_appropriation_basic_expenditure", 8, "30201", "amount", "489.30"),
        ("fiscal_appropriation_basic_expenditure", 8, "30205", "amount", "46.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30206", "amount", "55.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30207", "amount", "200.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30211", "amount", "350.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30213", "amount", "50.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30215", "amount", "50.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30216", "amount", "25.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30217", "amount", "27.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30218", "amount", "24.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30228", "amount", "60.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30229", "amount", "10.00"),
        ("fiscal_appropriation_basic_expenditure", 8, "30231", "amount", "411.20"),
        ("fiscal_appropriation_basic_expenditure", 8, "30239", "amount", "297.08"),
        ("fiscal_appropriation_basic_expenditure", 8, "303", "amount", "1,000.26"),
        ("fiscal_appropriation_basic_expenditure", 8, "30301", "amount", "290.66"),
        ("fiscal_appropriation_basic_expenditure", 8, "30302", "amount", "708.05"),
        ("fiscal_appropriation_basic_expenditure", 8, "30309", "amount", "1.55"),
        # 一般公共预算支出预算表 p9
        ("general_budget_expenditure", 9, "grand_total", "amount", "24,458.43"),
        ("general_budget_expenditure", 9, "201", "amount", "20,153.75"),
        ("general_budget_expenditure", 9, "20131", "amount", "20,153.75"),
        ("general_budget_expenditure", 9, "2013101", "amount", "8,072.29"),
        ("general_budget_expenditure", 9, "2013102", "amount", "12,081.46"),
        ("general_budget_expenditure", 9, "208", "amount", "1,289.52"),
        ("general_budget_expenditure", 9, "20805", "amount", "1,289.52"),
        ("general_budget_expenditure", 9, "2080504", "amount", "248.77"),
        ("general_budget_expenditure", 9, "2080505", "amount", "743.39"),
        ("general_budget_expenditure", 9, "2080506", "amount", "297.36"),
        ("general_budget_expenditure", 9, "221", "amount", "3,015.16"),
        ("general_budget_expenditure", 9, "22102", "amount", "3,015.16"),
        ("general_budget_expenditure", 9, "2210201", "amount", "715.28"),
        ("general_budget_expenditure", 9, "2210202", "amount", "2,299.88"),
        # 一般公共预算基本支出预算表 p10
        ("general_budget_basic_expenditure", 10, "grand_total", "amount", "10,403.11"),
        ("general_budget_basic_expenditure", 10, "301", "amount", "7,308.27"),
        ("general_budget_basic_expenditure", 10, "30101", "amount", "1,475.07"),
        ("general_budget_basic_expenditure", 10, "30102", "amount", "3,722.10"),
        ("general_budget_basic_expenditure", 10, "30103", "amount", "115.45"),
        ("general_budget_basic_expenditure", 10, "30107", "amount", "167.51"),
        ("general_budget_basic_expenditure", 10, "30108", "amount", "743.39"),
        ("general_budget_basic_expenditure", 10, "30109", "amount", "297.36"),
        ("general_budget_basic_expenditure", 10, "30112", "amount", "1.31"),
        ("general_budget_basic_expenditure", 10, "30113", "amount", "715.28"),
        ("general_budget_basic_expenditure", 10, "30114", "amount", "63.36"),
        ("general_budget_basic_expenditure", 10, "30199", "amount", "7.44"),
        ("general_budget_basic_expenditure", 10, "302", "amount", "2,094.58"),
        ("general_budget_basic_expenditure", 10, "30201", "amount", "489.30"),
        ("general_budget_basic_expenditure", 10, "30205", "amount", "46.00"),
        ("general_budget_basic_expenditure", 10, "30206", "amount", "55.00"),
        ("general_budget_basic_expenditure", 10, "30207", "amount", "200.00"),
        ("general_budget_basic_expenditure", 10, "30211", "amount", "350.00"),
        ("general_budget_basic_expenditure", 10, "30213", "amount", "50.00"),
        ("general_budget_basic_expenditure", 10, "30215", "amount", "50.00"),
        ("general_budget_basic_expenditure", 10, "30216", "amount", "25.00"),
        ("general_budget_basic_expenditure", 10, "30217", "amount", "27.00"),
        ("general_budget_basic_expenditure", 10, "30218", "amount", "24.00"),
        ("general_budget_basic_expenditure", 10, "30228", "amount", "60.00"),
        ("general_budget_basic_expenditure", 10, "30229", "amount", "10.00"),
        ("general_budget_basic_expenditure", 10, "30231", "amount", "411.20"),
        ("general_budget_basic_expenditure", 10, "30239", "amount", "297.08"),
        ("general_budget_basic_expenditure", 10, "303", "amount", "1,000.26"),
        ("general_budget_basic_expenditure", 10, "30301", "amount", "290.66"),
        ("general_budget_basic_expenditure", 10, "30302", "amount", "708.05"),
        ("general_budget_basic_expenditure", 10, "30309", "amount", "1.55"),
        # 三公 p11 (公务用车购置费 cell blank)
        ("three_public", 11, "grand_total", "budget", "1,471.70"),
        ("three_public", 11, "total", "budget", "508.20"),
        ("three_public", 11, "overseas", "budget", "70.00"),
        ("three_public", 11, "vehicle_total", "budget", "411.20"),
        ("three_public", 11, "vehicle_operation", "budget", "411.20"),
        ("three_public", 11, "reception", "budget", "27.00"),
        ("three_public", 11, "meeting", "budget", "933.50"),
        ("three_public", 11, "training", "budget", "30.00"),
        # 一般公共预算机关运行经费支出预算表 p13
        ("operating_cost", 13, "grand_total", "amount", "2,094.58"),
        ("operating_cost", 13, "302", "amount", "2,094.58"),
        ("operating_cost", 13, "30201", "amount", "489.30"),
        ("operating_cost", 13, "30205", "amount", "46.00"),
        ("operating_cost", 13, "30206", "amount", "55.00"),
        ("operating_cost", 13, "30207", "amount", "200.00"),
        ("operating_cost", 13, "30211", "amount", "350.00"),
        ("operating_cost", 13, "30213", "amount", "50.00"),
        ("operating_cost", 13, "30215", "amount", "50.00"),
        ("operating_cost", 13, "30216", "amount", "25.00"),
        ("operating_cost", 13, "30217", "amount", "27.00"),
        ("operating_cost", 13, "30218", "amount", "24.00"),
        ("operating_cost", 13, "30228", "amount", "60.00"),
        ("operating_cost", 13, "30229", "amount", "10.00"),
        ("operating_cost", 13, "30231", "amount", "411.20"),
        ("operating_cost", 13, "30239", "amount", "297.08"),
        # 2018年政府采购预算表 p14-15 (总计 column)
        ("procurement", 14, "grand_total", "amount", "1,449.50"),
        ("procurement", 14, "procurement_goods", "amount", "90.00"),
        ("procurement", 14, "procurement_item", "amount", "30.00"),     # 机要及电子政务业务费 / 办公设备购置
        ("procurement", 14, "procurement_item", "amount", "12.00"),     # PC服务器
        ("procurement", 14, "procurement_item", "amount", "2.00"),      # 小型机
        ("procurement", 14, "procurement_item", "amount", "4.00"),      # 台式计算机（20万以下）
        ("procurement", 14, "procurement_item", "amount", "3.50"),      # 便携式计算机（20万以下）
        ("procurement", 14, "procurement_item", "amount", "2.00"),      # 交换设备
        ("procurement", 14, "procurement_item", "amount", "3.00"),      # 打印设备（20万以下）
        ("procurement", 14, "procurement_item", "amount", "1.00"),      # 家具用具
        ("procurement", 14, "procurement_item", "amount", "2.50"),      # 其他办公消耗用品及类似物品
        ("procurement", 14, "procurement_item", "amount", "60.00"),     # 办公设备购置费 / 办公设备购置
        ("procurement", 14, "procurement_item", "amount", "12.00"),     # 台式计算机（20万以下）
        ("procurement", 14, "procurement_item", "amount", "6.00"),      # 便携式计算机（20万以下）
        ("procurement", 14, "procurement_item", "amount", "2.10"),      # 打印设备（20万以下）
        ("procurement", 14, "procurement_item", "amount", "1.06"),      # 其他计算机设备及软件
        ("procurement", 14, "procurement_item", "amount", "6.00"),      # 复印机
        ("procurement", 14, "procurement_item", "amount", "2.30"),      # 其他办公设备
        ("procurement", 14, "procurement_item", "amount", "0.90"),      # 空调机（总预算20万以下）
        ("procurement", 14, "procurement_item", "amount", "4.00"),      # 家具用具
        ("procurement", 14, "procurement_item", "amount", "6.00"),      # 复印纸
        ("procurement", 14, "procurement_item", "amount", "19.64"),     # 其他办公消耗用品及类似物品
        ("procurement", 14, "procurement_services", "amount", "1,359.50"),
        ("procurement", 14, "procurement_item", "amount", "872.10"),    # 省委办公厅承办的会议费 / 会议费
        ("procurement", 15, "procurement_item", "amount", "872.10"),    # 会议服务 政府集中采购
        ("procurement", 15, "procurement_item", "amount", "5.00"),      # 机要及电子政务业务费 / 培训费
        ("procurement", 15, "procurement_item", "amount", "5.00"),      # 会议服务
        ("procurement", 15, "procurement_item", "amount", "11.40"),     # 会议费
        ("procurement", 15, "procurement_item", "amount", "11.40"),     # 会议服务
        ("procurement", 15, "procurement_item", "amount", "34.00"),     # 物业管理费
        ("procurement", 15, "procurement_item", "amount", "34.00"),     # 物业管理服务
        ("procurement", 15, "procurement_item", "amount", "50.00"),     # 商品和服务支出 / 会议费
        ("procurement", 15, "procurement_item", "amount", "50.00"),     # 会议服务
        ("procurement", 15, "procurement_item", "amount", "25.00"),     # 培训费
        ("procurement", 15, "procurement_item", "amount", "25.00"),     # 会议服务
        ("procurement", 15, "procurement_item", "amount", "152.00"),    # 文印、机要及办公自动化经费 / 印刷费
        ("procurement", 15, "procurement_item", "amount", "152.00"),    # 印刷服务 政府集中采购
        ("procurement", 15, "procurement_item", "amount", "210.00"),    # 行政运转保障经费 / 物业管理费
        ("procurement", 15, "procurement_item", "amount", "210.00"),    # 物业管理服务 政府集中采购
    ],
    PARTY_OFFICE_TEXT_2018: [],
}

# What the cover / first page names: (unit name as printed, budget year, "department" or "unit")
COVER = {
    CONGRESS_2017: ("江苏省人大常委会办公厅", 2017, "department"),        # p1 "江苏省人大常委会办公厅 / 2017年度部门预算"
    PROCURATORATE_2018: ("江苏省人民检察院", 2018, "department"),         # p1 (graphic cover) "江苏省人民检察院 / 2018年部门预算"
    PARTY_OFFICE_TABLES_2018: ("中共江苏省委办公厅", 2018, "department"),  # p1 "江苏省2018年度 / 省级部门预算公开报表 / 部 门:中共江苏省委办公厅"
    PARTY_OFFICE_TEXT_2018: ("江苏省委办公厅", 2018, "department"),        # p1 "江苏省委办公厅2018年度部门预算公开"
}

# Narrative figures a checker would compare with the tables (编制说明 / 情况说明): (page, topic, printed_text)
# topic one of: total_income, total_expenditure, fiscal_appropriation, general_budget, basic, project,
# three_public_total, overseas, vehicle_total, vehicle_purchase, vehicle_operation, reception, meeting,
# training, operating_cost, procurement_total. Only figures stated as this year's amount (not the change
# against last year).
# A sentence stating "收入、支出预算总计 X" gives X under both total_income and total_expenditure. A figure
# stated more than once on the same page under the same topic is listed once. Figures outside these topics
# (类/项 amounts, 人员经费/公用经费, 单位预留机动经费, 其他资金, goods/services split of 政府采购, 政府性基金 0,
# percentages, 绩效 amounts) are left out. None of the three narratives states the 三公 total as a figure.
NARRATIVE = {
    CONGRESS_2017: [
        (23, "total_income", "13649.07"),           # 收入、支出预算总计 / （一）收入预算总计
        (23, "total_expenditure", "13649.07"),      # 收入、支出预算总计 / （二）支出预算总计
        (24, "basic", "7666.68"),                   # 基本支出预算数为 / 基本支出
        (24, "project", "5853.96"),                 # 项目支出预算数为 / 项目支出
        (24, "total_income", "13649.07"),           # 本年收入预算合计
        (24, "total_expenditure", "13649.07"),      # 本年支出预算合计
        (25, "fiscal_appropriation", "13649.07"),   # 财政拨款收、支总预算
        (26, "fiscal_appropriation", "13649.07"),   # 财政拨款预算支出
        (26, "basic", "7666.68"),                   # 财政拨款基本支出预算
        (27, "general_budget", "13649.07"),         # 一般公共预算财政拨款支出预算
        (27, "basic", "7666.68"),                   # 一般公共预算财政拨款基本支出预算
        (28, "operating_cost", "5619.31"),          # 一般公共预算机关运行经费预算支出
        (28, "overseas", "222.5"),
        (28, "vehicle_total", "183.6"),
        (28, "vehicle_purchase", "0"),              # "(1)公务用车购置为 0，与上年持平。"
        (28, "vehicle_operation", "183.6"),
        (28, "reception", "427.5"),
        (29, "reception", "427.5"),                 # "3．公务接待费预算支出 427.5 万元"
        (29, "meeting", "1305.25"),
        (29, "training", "403.75"),
        (29, "procurement_total", "2247.85"),
    ],
    PROCURATORATE_2018: [
        (23, "total_income", "21,955.35"),          # 收入、支出预算总计 / （一）收入预算总计
        (23, "total_expenditure", "21,955.35"),     # 收入、支出预算总计
        (23, "fiscal_appropriation", "21,940.96"),  # 财政拨款收入预算总计
        (23, "general_budget", "21,940.96"),        # 一般公共预算收入预算
        (24, "total_expenditure", "21,955.35"),     # （二）支出预算总计
        (24, "basic", "13,994.31"),                 # 基本支出预算数为
        (24, "project", "5,573"),                   # 项目支出预算数为
        (25, "total_income", "21,955.35"),          # 本年收入预算合计
        (25, "general_budget", "21,940.96"),        # 一般公共预算收入
        (25, "total_expenditure", "21,955.35"),     # 本年支出预算合计
        (25, "basic", "13,994.31"),
        (25, "project", "5,573"),
        (25, "fiscal_appropriation", "21,940.96"),  # 财政拨款收、支总预算
        (26, "fiscal_appropriation", "21,940.96"),  # 财政拨款预算支出
        (27, "basic", "13,979.92"),                 # 财政拨款基本支出预算
        (28, "general_budget", "21,940.96"),        # 一般公共预算财政拨款支出预算
        (28, "basic", "13,979.92"),                 # 一般公共预算财政拨款基本支出预算
        (28, "overseas", "100"),
        (28, "vehicle_total", "267.8"),
        (28, "reception", "116.5"),
        (29, "vehicle_total", "267.8"),             # "2．公务用车购置及运行费预算支出 267.8 万元" ("无公务用车购置预算安排": no figure)
        (29, "vehicle_operation", "267.8"),
        (29, "reception", "116.5"),
        (29, "meeting", "200.44"),
        (29, "training", "700"),
        (29, "operating_cost", "2,722.57"),
        (30, "procurement_total", "3,096.24"),
    ],
    PARTY_OFFICE_TABLES_2018: [],
    PARTY_OFFICE_TEXT_2018: [
        (5, "total_income", "24458.43"),            # 收入、支出预算总计
        (5, "total_expenditure", "24458.43"),
        (6, "total_income", "24458.43"),            # （一）收入预算总计
        (6, "fiscal_appropriation", "24458.43"),    # 财政拨款收入预算总计
        (6, "general_budget", "24458.43"),          # 一般公共预算收入预算
        (6, "total_expenditure", "24458.43"),       # （二）支出预算总计
        (7, "basic", "10403.11"),                   # 基本支出预算数为 / 基本支出
        (7, "project", "12081.46"),                 # 项目支出预算数为 / 项目支出
        (7, "total_income", "24458.43"),            # 本年收入预算合计
        (7, "general_budget", "24458.43"),          # 一般公共预算收入
        (7, "total_expenditure", "24458.43"),       # 本年支出预算合计
        (8, "fiscal_appropriation", "24458.43"),    # 财政拨款收、支总预算 / 财政拨款预算支出
        (9, "basic", "10403.11"),                   # 财政拨款基本支出预算
        (10, "general_budget", "24458.43"),         # 一般公共预算财政拨款支出预算
        (10, "basic", "10403.11"),                  # 一般公共预算财政拨款基本支出预算
        (11, "overseas", "70"),
        (11, "vehicle_total", "411.20"),
        (11, "reception", "27"),
        (11, "vehicle_purchase", "0"),              # "（1）公务用车购置预算支出0万元"
        (11, "vehicle_operation", "411.20"),
        (11, "meeting", "933.50"),
        (11, "training", "30"),
        (11, "operating_cost", "2094.58"),
        (12, "procurement_total", "1449.50"),
    ],
}
