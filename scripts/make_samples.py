#!/usr/bin/env python3
"""Writes the small bundled samples (deterministic, seed fixed):

  samples/register-sample.csv   a register with Chinese headers, as a district office exports it,
                                including two rows that must be rejected (bad check character, no name)
  samples/labeled-sample.tsv    the same enterprises with English headers and a `label` column
  samples/overrides.csv         two manual determinations (人工核定)

The enterprises are invented for illustration; they are not taken from any labeled data set.
Run: python3 scripts/make_samples.py
"""
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from credit_code import make_code  # noqa: E402

STREETS = ["欧阳路街道", "曲阳路街道", "广中路街道", "嘉兴路街道", "凉城新村街道", "四川北路街道", "北外滩街道", "江湾镇街道"]
GENERIC = "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广"
TAIL = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"

# name, industry code, business scope, main business, green share, expected 小类 ("" = not green)
ROWS = [
    ("上海衡碳环境核查技术有限公司", "7459", f"一般项目：{GENERIC}；认证咨询；环保咨询服务。{TAIL}", "温室气体排放核查与碳排放报告核算", "0.9", "0111"),
    ("上海足印低碳科技有限公司", "7499", f"一般项目：{GENERIC}；认证咨询；软件开发。{TAIL}", "产品生命周期碳足迹评价及碳标签咨询", "0.85", "0112"),
    ("上海汇林碳汇开发有限公司", "7519", f"一般项目：{GENERIC}；碳减排、碳转化、碳捕捉、碳封存技术研发。{TAIL}", "林业碳汇及CCER减排项目开发", "0.92", "0121"),
    ("上海东履碳资产管理有限公司", "7519", f"一般项目：碳减排、碳转化、碳捕捉、碳封存技术研发；节能管理服务。{TAIL}", "控排企业碳配额履约与碳资产托管", "0.95", "0122"),
    ("上海申易碳经纪服务有限公司", "7213", f"一般项目：信息咨询服务（不含许可类信息咨询服务）；环保咨询服务。{TAIL}", "碳排放配额经纪与交易撮合", "0.9", "0131"),
    ("上海澄绿电力交易服务有限公司", "4420", "许可项目：供电业务。一般项目：合同能源管理；储能技术服务。", "绿电交易代理与绿证采购服务", "0.7", "0132"),
    ("上海零点双碳规划咨询有限公司", "7243", f"一般项目：社会经济咨询服务；环保咨询服务；{GENERIC}。{TAIL}", "碳达峰碳中和规划与低碳转型咨询", "0.88", "0141"),
    ("上海能迹数字科技有限公司", "6513", f"一般项目：软件开发；{GENERIC}；数据处理服务。{TAIL}", "企业碳管理SaaS平台与碳排放监测系统", "0.8", "0151"),
    ("上海楼优节能工程有限公司", "4861", "许可项目：建设工程施工。一般项目：节能管理服务。", "既有公共建筑节能改造及空调系统更新", "0.9", "0211"),
    ("上海熠能合同能源管理有限公司", "7514", f"一般项目：合同能源管理；节能管理服务；{GENERIC}。{TAIL}", "合同能源管理（EMC）及能源托管", "0.95", "0213"),
    ("上海晴屋光伏科技有限公司", "4416", "许可项目：发电业务、输电业务、供（配）电业务。一般项目：太阳能发电技术服务。", "工商业屋顶分布式光伏电站建设与运维", "0.95", "0221"),
    ("上海快驿充电科技有限公司", "5267", f"一般项目：电动汽车充电基础设施运营；机动车充电销售；充电桩销售。{TAIL}", "公共充电站建设与运营", "0.95", "0222"),
    ("上海澈源环境工程有限公司", "7721", f"一般项目：水污染治理；环境保护专用设备销售；{GENERIC}。{TAIL}", "工业废水处理工程与运营", "0.95", "0231"),
    ("上海循新再生资源有限公司", "5191", f"一般项目：再生资源回收（除生产性废旧金属）；再生资源加工。{TAIL}", "社区再生资源回收与分拣", "0.9", "0241"),
    ("上海远帆船舶动力科技有限公司", "7320", f"一般项目：{GENERIC}；船舶设计；新兴能源技术研发。{TAIL}", "甲醇双燃料动力船舶设计与改装", "0.85", "0311"),
    ("上海港能岸电工程有限公司", "4879", "许可项目：建设工程施工。一般项目：智能输配电及控制设备销售。", "船舶岸电系统建设与运维", "0.9", "0331"),
    ("上海衡绿融资租赁有限公司", "6631", "融资租赁业务；租赁业务；向国内外购买租赁财产。", "新能源汽车及储能设备融资租赁", "0.85", "0442"),
    ("上海恒泽可持续评价有限公司", "7295", f"一般项目：企业信用调查和评估；数据处理服务。{TAIL}", "企业ESG评级与绿色债券认证", "0.9", "0451"),
    ("上海光联新能源贸易有限公司", "5179", f"一般项目：光伏设备及元器件销售；电池销售；货物进出口。{TAIL}", "光伏组件与储能电池批发及出口", "0.9", "0511"),
    ("上海关衡碳合规咨询有限公司", "7249", f"一般项目：信息咨询服务（不含许可类信息咨询服务）；{GENERIC}。{TAIL}", "欧盟CBAM申报与出口产品碳足迹核算", "0.9", "0531"),
    # not green
    ("上海源丰碳素制品有限公司", "5163", f"一般项目：石墨及碳素制品销售；耐火材料销售。{TAIL}", "石墨电极及碳素制品批发", "", ""),
    ("上海翠庭园林绿化有限公司", "4891", "许可项目：建设工程施工。一般项目：园林绿化工程施工。", "小区绿化工程施工养护", "", ""),
    ("上海远达国际货运代理有限公司", "5821", f"一般项目：国际货物运输代理；无船承运业务。{TAIL}", "海运订舱及报关代理", "", ""),
    ("上海安和物业管理有限公司", "7020", f"一般项目：物业管理；停车场服务；节能管理服务；合同能源管理。{TAIL}", "住宅小区物业管理", "", ""),
    ("上海佳信软件有限公司", "6513", f"一般项目：软件开发；信息系统集成服务；{GENERIC}。{TAIL}", "企业OA与财务软件开发", "", ""),
    ("上海驰安汽车维修有限公司", "8111", f"一般项目：机动车修理和维护；汽车零配件零售。{TAIL}", "新能源汽车及燃油车维修保养", "", ""),
    ("上海绿野食品有限公司", "5129", f"一般项目：食用农产品批发。{TAIL}", "绿色食品大米批发", "", ""),
    ("上海申华电气有限公司", "5175", f"一般项目：配电开关控制设备销售；电气设备销售；储能技术服务；充电桩销售。{TAIL}", "低压配电柜批发", "0.1", ""),
]


def main() -> None:
    rng = random.Random(20261121)
    root = os.path.join(os.path.dirname(__file__), "..", "samples")
    os.makedirs(root, exist_ok=True)
    records = []
    for index, (name, industry, scope, main_business, share, label) in enumerate(ROWS):
        code = make_code(rng)
        revenue = rng.choice([800, 1500, 3200, 5600, 12000, 26000])
        employees = rng.randint(8, 160)
        street = STREETS[index % len(STREETS)]
        year = 2025 if index % 3 else 2024
        records.append([code, name, year, industry, scope, main_business, revenue, employees, share, street, "", label])

    with open(os.path.join(root, "register-sample.csv"), "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["统一社会信用代码", "企业名称", "年份", "行业代码", "经营范围", "主营业务", "营业收入（万元）", "从业人员", "绿色业务占比", "街道", "节能量（吨标准煤）"])
        for record in records:
            writer.writerow(record[:11])
        bad = records[0][0][:17] + ("0" if records[0][0][17] != "0" else "1")
        writer.writerow([bad, "上海错码示例有限公司", 2025, "7249", "技术服务", "碳排放核查", 100, 3, "0.9", "北外滩街道", ""])
        writer.writerow([make_code(rng), "", 2025, "7249", "技术服务", "碳排放核查", 100, 3, "0.9", "北外滩街道", ""])

    with open(os.path.join(root, "labeled-sample.tsv"), "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(["credit_code", "name", "year", "industry_code", "business_scope", "main_business", "revenue_wan", "employees", "green_share", "street", "energy_saved_tce", "label"])
        writer.writerows(records)

    with open(os.path.join(root, "overrides.csv"), "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["统一社会信用代码", "年份", "小类", "理由", "核定人", "核定日期"])
        writer.writerow([records[2][0], "", "0122", "企业年报显示碳汇开发已转为碳资产托管为主", "区统计局 王敏", "2025-09-15"])
        writer.writerow([records[27][0], records[27][2], "not green", "现场核查：储能、充电桩业务未实际开展", "区发改委 李强", "2025-10-08"])


if __name__ == "__main__":
    main()
