#!/usr/bin/env python3
"""Synthetic enterprise register of any size, for benchmarks (issue 5). Deterministic and streaming.

    scripts/gen_register.py --rows N --seed S --out PATH [--encoding utf-8|gb18030]
                            [--malformed-rate 0.001] [--year 2025] [--bom] [--crlf]

Writes a CSV with the Chinese headers a district office exports
(统一社会信用代码,企业名称,年份,行业代码,经营范围,主营业务,营业收入（万元）,从业人员,绿色业务占比,街道,节能量（吨标准煤）):

- 经营范围 in the standard registration wording (一般项目：…；…。（除依法须经批准的项目外，凭营业执照依法
  自主开展经营活动）许可项目：…。（依法须经批准的项目…）, some old-style scopes with 【…】 and half-width
  commas, a few with an embedded line break), ~300 bytes on average in UTF-8;
- ~30% green enterprises spread over all 37 小类 of the 虹口编码, whose 主营业务 / 经营范围 / name use phrases
  of the kind the dictionary's include rules match; the other ~70% ordinary firms, some of them with
  look-alike words (碳素, 园林绿化, 新能源汽车维修保养 …) that must not count as green;
- 绿色业务占比 blank for ~30% of green firms, otherwise 0.30–1.00 (a few written as `65%`), mostly blank
  for the others; revenue lognormal; the eight streets of 虹口区; 节能量 for energy-service firms;
- valid GB 32100-2015 credit codes, unique within a file (a bijective counter, check characters from
  precomputed tables), registered in 虹口区 (91310109…) or at city level (91310000…);
- malformed rows at `--malformed-rate` (default 0.001): wrong check character (rejected), empty 企业名称
  (rejected), unreadable 营业收入 (a warning; the row is kept); and, when the rate is > 0, the very last
  row opens a quote in 企业名称 that is never closed (rejected; nothing after it is lost).

Memory is constant (rows are written in 8k-row blocks), so 10M rows (~4.4 GB) work. The same
arguments give byte-identical output (only Python's seeded `random.Random` is used; no hashing of
strings, no clock). Rows, bytes, MB/s and the malformed counts are printed on stderr. `--out -` writes
to stdout.
"""
import argparse
import math
import os
import random
import sys
import time

HEADER = ["统一社会信用代码", "企业名称", "年份", "行业代码", "经营范围", "主营业务", "营业收入（万元）", "从业人员",
          "绿色业务占比", "街道", "节能量（吨标准煤）"]

STREETS = ["欧阳路街道", "曲阳路街道", "广中路街道", "嘉兴路街道", "凉城新村街道", "四川北路街道", "北外滩街道", "江湾镇街道"]
STREET_WEIGHTS = [10, 12, 11, 15, 7, 19, 18, 13]

# ---------------------------------------------------------------------------------------------
# GB 32100-2015 credit codes
# ---------------------------------------------------------------------------------------------
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
SPACE = 31 ** 9  # the 9 characters after 登记管理部门码+机构类别码+登记管理机关行政区划码


def check_character(first17):
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


class CreditCodes:
    """Unique valid codes: body number v = (i·A + B) mod 31^9 (a bijection, A is not a multiple of 31),
    written in base 31 as three 3-character groups; each group's text and weighted sum come from a table."""

    PREFIXES = ["91310109", "91310000"]  # 虹口区 / registered at city level

    def __init__(self, rng):
        self.a = rng.randrange(10 ** 12, SPACE)
        while self.a % 31 == 0:  # coprime to 31^9, so i -> v is a bijection
            self.a += 1
        self.b = rng.randrange(SPACE)
        self.prefix_sum = [sum(ALPHABET.index(c) * w for c, w in zip(p, WEIGHTS)) for p in self.PREFIXES]
        self.groups = []
        for g in range(3):
            w0, w1, w2 = WEIGHTS[8 + 3 * g: 11 + 3 * g]
            texts, sums = [], []
            for n in range(31 ** 3):
                d0, r = divmod(n, 961)
                d1, d2 = divmod(r, 31)
                texts.append(ALPHABET[d0] + ALPHABET[d1] + ALPHABET[d2])
                sums.append(d0 * w0 + d1 * w1 + d2 * w2)
            self.groups.append((texts, sums))

    def code(self, i, prefix_index, bad=0):
        v = (i * self.a + self.b) % SPACE
        g0, r = divmod(v, 29791 * 29791)
        g1, g2 = divmod(r, 29791)
        (t0, s0), (t1, s1), (t2, s2) = self.groups
        total = self.prefix_sum[prefix_index] + s0[g0] + s1[g1] + s2[g2]
        check = (31 - total % 31) % 31
        if bad:
            check = (check + bad) % 31
        return self.PREFIXES[prefix_index] + t0[g0] + t1[g1] + t2[g2] + ALPHABET[check]


# ---------------------------------------------------------------------------------------------
# Text material
# ---------------------------------------------------------------------------------------------
TECH = "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广"
TAIL_GENERAL = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
TAIL_PERMIT = "（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）"
TAIL_OLD = "【依法须经批准的项目，经相关部门批准后方可开展经营活动】"

GENERIC_ITEMS = [
    "信息咨询服务（不含许可类信息咨询服务）", "企业管理咨询", "社会经济咨询服务", "会议及展览服务", "软件开发", "数据处理服务",
    "市场营销策划", "企业形象策划", "办公用品销售", "计算机软硬件及辅助设备批发", "计算机软硬件及辅助设备零售", "货物进出口",
    "技术进出口", "翻译服务", "广告设计、代理", "广告制作", "广告发布", "专业设计服务", "组织文化艺术交流活动",
    "业务培训（不含教育培训、职业技能培训等需取得许可的培训）", "财务咨询", "市场调查（不含涉外调查）", "信息系统集成服务",
    "日用百货销售", "服装服饰批发", "服装服饰零售", "针纺织品销售", "五金产品批发", "五金产品零售", "电子产品销售", "通讯设备销售",
    "机械设备销售", "建筑材料销售", "建筑装饰材料销售", "化妆品批发", "化妆品零售", "文具用品零售", "体育用品及器材零售",
    "家用电器销售", "家具销售", "工艺美术品及收藏品零售（象牙及其制品除外）", "珠宝首饰零售", "食用农产品批发", "礼品花卉销售",
    "玩具销售", "汽车零配件零售", "仪器仪表销售", "停车场服务", "住房租赁", "非居住房地产租赁", "餐饮管理", "酒店管理",
    "票务代理服务", "旅游开发项目策划咨询", "人力资源服务（不含职业中介活动、劳务派遣服务）", "劳务服务（不含劳务派遣）",
    "知识产权服务（专利代理服务除外）", "版权代理", "摄影扩印服务", "平面设计", "图文设计制作", "网络技术服务",
    "互联网销售（除销售需要许可的商品）", "人工智能应用软件开发", "信息技术咨询服务", "数字文化创意软件开发", "供应链管理服务",
    "国内贸易代理", "国际货物运输代理", "国内货物运输代理", "普通货物仓储服务（不含危险化学品等需许可审批的项目）", "装卸搬运",
    "电子元器件批发", "集成电路芯片及产品销售", "金属材料销售", "塑料制品销售", "纸制品销售", "橡胶制品销售",
    "化工产品销售（不含许可类化工产品）", "第一类医疗器械销售", "第二类医疗器械销售", "保健食品（预包装）销售",
    "宠物食品及用品零售", "家政服务", "打字复印", "健身休闲活动", "居民日常生活服务", "以自有资金从事投资活动",
    "自有资金投资的资产管理服务", "专业保洁、清洗、消毒服务", "消防技术服务", "安全技术防范系统设计施工服务", "工程管理服务",
    "机械设备租赁", "办公设备租赁服务", "教育咨询服务（不含涉许可审批的教育培训活动）", "健康咨询服务（不含诊疗服务）",
    "物联网技术服务", "大数据服务", "云计算装备技术服务", "区块链技术相关软件和服务", "文化用品设备出租", "电影摄制服务",
    "咨询策划服务", "项目策划与公关服务", "礼仪服务", "个人商务服务", "数字内容制作服务（不含出版发行）", "动漫游戏开发",
]
GENERIC_PERMITS = ["食品销售", "第二类增值电信业务", "建设工程施工", "建设工程设计", "道路货物运输（不含危险货物）", "餐饮服务",
                   "酒类经营", "出版物零售", "职业中介活动", "劳务派遣服务", "住宅室内装饰装修", "烟草制品零售", "网络文化经营",
                   "营业性演出", "互联网信息服务", "检验检测服务", "旅游业务", "广播电视节目制作经营", "电影发行", "演出经纪"]
OLD_FIELDS = ["计算机科技", "网络科技", "信息科技", "电子科技", "智能科技", "生物科技", "建筑科技", "文化科技", "新材料科技", "机电科技"]
OLD_ITEMS = ["商务信息咨询", "企业管理咨询", "投资咨询", "市场营销策划", "展览展示服务", "会务服务", "电子商务（不得从事增值电信、金融业务）",
             "计算机、软件及辅助设备、电子产品、通讯器材、五金交电、日用百货、服装鞋帽的销售", "从事货物及技术的进出口业务",
             "图文设计制作", "礼仪服务", "设计、制作、代理、发布各类广告"]

# Ordinary enterprises: name words, 主营业务, GB/T 4754-2017 codes.
PLAIN_WORDS = ["信息科技", "网络科技", "贸易", "商贸", "企业管理咨询", "文化传媒", "广告", "餐饮管理", "物业管理", "建筑装饰工程",
               "电子科技", "实业", "国际贸易", "供应链管理", "人力资源", "酒店管理", "文化发展", "投资管理", "物流", "医疗器械",
               "服饰", "食品", "健身管理", "教育科技", "智能科技", "数据科技", "影视文化", "珠宝", "汽车服务", "装饰设计",
               "国际货运代理", "商务咨询", "展览服务", "电子商务", "家政服务", "软件技术", "机电设备", "化工", "五金交电", "印务"]
PLAIN_MAINS = ["软件开发与信息技术服务", "餐饮管理", "服装批发", "广告设计与制作", "企业管理咨询", "物业管理", "国际货运代理",
               "建筑装饰工程施工", "电子产品批发", "化妆品零售", "人力资源外包", "房地产经纪", "餐饮服务", "文化艺术交流活动策划",
               "会展服务", "跨境电商", "医疗器械销售", "教育咨询", "健身服务", "酒店管理", "汽车零配件销售", "五金建材批发",
               "预包装食品批发", "珠宝首饰零售", "保洁服务", "安防工程", "网络技术服务", "数据处理与存储服务", "影视制作",
               "演出经纪", "知识产权代理", "财务咨询", "股权投资管理", "供应链管理服务", "普通货物仓储", "家政服务", "宠物用品零售",
               "摄影服务", "印刷品设计", "游戏软件开发", "移动应用开发", "办公用品批发", "化工原料贸易（不含危险化学品）",
               "钢材贸易", "纺织面料批发", "工业自动化设备销售", "室内设计", "婚庆礼仪服务", "旅游咨询", "商务翻译"]
PLAIN_CODES = ["6513", "6519", "5137", "7251", "7244", "7020", "5821", "5011", "5176", "5255", "7262", "7030", "6210",
               "8870", "7281", "5292", "5174", "8394", "8930", "6110", "5263", "5165", "5122", "5245", "8219", "4999", "6431",
               "6450", "8730", "9053", "7259", "7239", "6760", "7224", "5990", "8010", "5297", "8060", "2319", "6422",
               "5193", "5162", "5132", "5179", "7484", "8070", "7291", "7299"]
# Look-alikes: words of green classes without the substance (the dictionary's mask / veto phrases).
DECOY_MAINS = ["石墨及碳素制品批发", "园林绿化工程施工", "绿色食品销售", "活性炭销售", "新能源汽车维修保养", "燃油车销售",
               "充电宝租赁", "碳纤维制品销售", "二手车经纪", "加油站经营", "电动自行车销售", "低碳水化合物食品研发", "碳钢管材批发",
               "绿植租摆", "富氢水机销售", "汽车维修", "室内空气检测", "驾驶员培训", "柴油发电机组租赁", "碳酸饮料批发"]
DECOY_ITEMS = ["石墨及碳素制品销售", "园林绿化工程施工", "活性炭销售", "机动车修理和维护", "碳纤维再生利用技术研发",
               "电动自行车销售", "新能源汽车电附件销售", "二手车经纪", "成品油零售（不含危险化学品）", "绿植租赁", "充电宝租赁",
               "燃油汽车销售", "花卉绿植租借与代管理"]

# The 37 classes: name words, 主营业务, class-specific 经营范围 items, industry codes, 许可项目, finance family.
# {a|b|c} in a text expands to every alternative (done once at start-up).
GREEN = {
    "0111": (["碳核查技术服务", "碳排放核查技术", "温室气体核查技术", "环境认证技术"],
             ["温室气体排放核算与第三方核查", "组织层面碳盘查（ISO 14064）与温室气体排放报告编制", "全国碳市场年度排放报告第三方核查",
              "{重点排放单位|钢铁企业|数据中心}碳排放核算与碳核查", "碳排放数据质量控制与MRV体系咨询"],
             ["认证咨询", "环保咨询服务", "温室气体排放控制技术研发"], ["7459", "7455", "7499"], ["认证服务"], None),
    "0112": (["碳足迹评价技术", "碳标签技术服务", "绿色评价技术"],
             ["产品碳足迹核算（ISO 14067）与碳标签认证", "{电子电器|纺织服装|建材|包装材料}产品全生命周期碳足迹评价",
              "{大型会议|体育赛事|展会}活动碳中和评价与碳中和声明", "产品生命周期评价（LCA）及碳标识服务"],
             ["认证咨询", "标准化服务", "环保咨询服务"], ["7455", "7452", "7499"], ["认证服务"], None),
    "0121": (["碳汇开发", "碳汇科技", "林业碳汇科技", "减排技术"],
             ["林业碳汇项目开发与CCER项目申报", "CCER自愿减排项目开发及方法学编制", "VCS、Gold Standard国际自愿减排项目开发",
              "海洋碳汇（蓝碳）项目开发", "{竹林|湿地|红树林}碳汇开发及碳信用开发"],
             ["碳减排、碳转化、碳捕捉、碳封存技术研发", "林业碳汇管理服务", "环保咨询服务"], ["7519", "7249"], [], None),
    "0122": (["碳资产管理", "碳资产运营", "碳资产经营"],
             ["{控排企业|发电集团|航空公司}碳配额管理与履约清缴服务", "碳资产托管及配额履约咨询", "企业碳资产管理与碳排放权履约服务",
              "碳配额履约清缴及碳抵消方案服务"],
             ["碳减排、碳转化、碳捕捉、碳封存技术研发", "节能管理服务", "环保咨询服务"], ["7519", "7212"], [], None),
    "0131": (["碳经纪", "碳交易服务", "碳排放权交易服务"],
             ["碳排放配额及CCER交易经纪", "全国碳市场配额交易撮合与经纪服务", "碳排放权交易做市与协议转让撮合",
              "为{控排企业|发电企业}提供碳配额交易代理"],
             ["信息咨询服务（不含许可类信息咨询服务）", "财务咨询", "环保咨询服务"], ["7213", "6790"], [], None),
    "0132": (["环境权益交易服务", "绿电交易服务", "售电"],
             ["排污权、用能权交易咨询与撮合", "绿色电力证书交易代理", "绿证交易撮合与绿电消费核算", "园区企业绿电采购代理",
              "水权交易服务"],
             ["节能管理服务", "环保咨询服务", "智能输配电及控制设备销售"], ["7213", "4420"], ["供电业务"], None),
    "0141": (["双碳咨询", "碳中和科技", "低碳发展咨询", "零碳规划设计"],
             ["企业低碳转型路径与净零目标咨询", "气候风险评估与适应规划咨询", "双碳战略咨询及双碳人才培训", "SBTi科学碳目标设定咨询",
              "{国有企业集团|产业园区|区县政府}碳达峰碳中和行动方案编制", "零碳园区规划与低碳发展咨询"],
             ["社会经济咨询服务", "环保咨询服务", "节能管理服务"], ["7243", "7485"], [], None),
    "0151": (["碳数据科技", "能碳数字科技", "碳管理软件", "数字能源科技"],
             ["面向制造企业的碳管理SaaS平台", "区级碳排放地图与能碳数据平台开发", "供应链碳数据管理软件", "楼宇能碳数字化管理平台",
              "工业企业碳排放在线监测物联网系统"],
             ["软件开发", "在线能源监测技术研发", "大数据服务"], ["6513", "6450", "6532"], [], None),
    "0152": (["碳普惠科技", "低碳生活科技", "碳积分科技"],
             ["碳普惠平台运营及低碳积分兑换", "为市民提供个人碳账户及绿色出行积分服务", "企业员工碳积分小程序开发运营",
              "低碳科普体验馆运营"],
             ["软件开发", "科普宣传服务", "互联网数据服务"], ["6434", "6432", "8890"], [], None),
    "0211": (["节能工程", "建筑节能科技", "楼宇节能技术", "机电工程"],
             ["既有公共建筑节能改造", "商务楼宇中央空调系统节能改造", "{医院|学校|酒店|写字楼}建筑能源审计及节能改造",
              "建筑照明LED节能改造与能耗分项计量", "空气源热泵替代及建筑门窗节能改造"],
             ["节能管理服务", "工程管理服务", "制冷、空调设备销售"], ["4861", "4920"], ["建设工程施工"], None),
    "0212": (["工业节能技术", "余热利用科技", "能效科技", "热能工程"],
             ["工业余热余压回收利用工程", "{钢铁|水泥|玻璃|化工}企业余热发电项目建设", "工业锅炉及窑炉节能技术改造",
              "高效电机及变频节能改造", "工业企业节能诊断与节能技术改造服务"],
             ["节能管理服务", "余热余压余气利用技术研发", "电机及其控制系统研发"], ["7514", "4861", "7320"], ["建设工程施工"], None),
    "0213": (["能源管理", "节能服务", "综合能源服务", "智慧能源"],
             ["合同能源管理（EMC）项目投资与运营", "{医院|高校|政府机关|商业综合体}能源托管服务", "节能效益分享型合同能源管理",
              "虚拟电厂运营及负荷聚合需求响应", "工业园区综合能源服务与电力需求侧管理"],
             ["合同能源管理", "节能管理服务", "储能技术服务"], ["7514", "4420"], [], None),
    "0221": (["光伏工程", "光伏科技", "光伏电力", "储能科技"],
             ["户用光伏安装及运维服务", "光伏建筑一体化（BIPV）项目总包", "分布式光伏EPC总承包",
              "工商业分布式光伏电站投资建设与运维", "工商业储能系统集成与运维服务", "用户侧新型储能电站投资运营"],
             ["太阳能发电技术服务", "储能技术服务", "光伏设备及元器件销售"], ["4875", "4416", "7515"],
             ["发电业务、输电业务、供（配）电业务", "建设工程施工"], None),
    "0222": (["充电科技", "充电桩科技", "换电科技", "充电网络科技"],
             ["城市公共充电站建设与运营", "充电桩安装及运营维护", "重卡换电站运营", "小区有序充电与车网互动（V2G）服务",
              "光储充一体化充电站运营"],
             ["电动汽车充电基础设施运营", "机动车充电销售", "充电桩销售", "集中式快速充电站"], ["5267", "4879"], ["建设工程施工"], None),
    "0223": (["氢能科技", "氢能源", "风力发电", "生物质能源"],
             ["氢燃料电池系统研发与加氢站运营", "绿氢制备与储氢技术服务", "海上风电项目开发与运营管理", "生物质发电项目投资运营",
              "浅层地热能供暖制冷项目", "可持续航空燃料（SAF）技术开发"],
             ["新兴能源技术研发", "风力发电技术服务", "生物质能技术服务"], ["7515", "4415", "4417"],
             ["发电业务、输电业务、供（配）电业务"], None),
    "0231": (["环境检测技术", "环境工程", "环保工程", "环境咨询"],
             ["{大气、水质|土壤及地下水|噪声与振动}环境监测服务", "工业废水处理工程设计与运营", "黑臭水体治理与河道生态修复",
              "VOCs废气治理工程", "建设项目环境影响评价与排污许可咨询", "污染地块调查与土壤修复"],
             ["环境保护监测", "水污染治理", "大气污染治理", "土壤污染治理与修复服务"], ["7461", "7721", "7722", "7245"],
             ["检验检测服务", "建设工程施工"], None),
    "0241": (["再生资源", "资源循环科技", "再生资源回收利用"],
             ["社区可回收物回收分拣", "退役动力电池回收与梯次利用", "废旧纺织品回收再利用", "废弃电器电子产品回收处理",
              "餐厨废弃物收运与资源化利用"],
             ["再生资源回收（除生产性废旧金属）", "再生资源加工", "资源再生利用技术研发"], ["5191", "7820"], [], None),
    "0251": (["绿色建筑设计", "绿色建筑科技", "建筑设计咨询"],
             ["绿色建筑设计与绿色建筑评价咨询", "超低能耗建筑设计", "近零能耗建筑与被动房设计咨询", "LEED、WELL认证咨询",
              "公共建筑能耗模拟与绿色建筑设计"],
             ["工程管理服务", "规划设计管理", "工程技术服务（规划管理、勘察、设计、监理除外）"], ["7484", "7499"], ["建设工程设计"], None),
    "0261": (["低碳技术", "节能检测技术", "碳中和技术研究院", "技术转移服务"],
             ["CCUS工艺研发及中试", "二氧化碳矿化利用技术研究", "节能产品能效检测与认证", "环保产品认证与环境标志检测",
              "绿色技术转移与成果转化平台运营"],
             ["碳减排、碳转化、碳捕捉、碳封存技术研发", "温室气体排放控制技术研发", "计量技术服务"], ["7320", "7452", "7530"],
             ["检验检测服务"], None),
    "0311": (["船舶科技", "船舶设计", "船舶动力"],
             ["LNG动力集装箱船设计", "甲醇双燃料船舶设计", "内河纯电动船舶动力系统集成", "氨燃料动力船舶研发设计",
              "船舶节能改装（空气润滑、转子帆）"],
             ["船舶设计", "新兴能源技术研发", "船用配件销售"], ["7491", "7320", "3735"], [], None),
    "0321": (["航运科技", "海事咨询", "船舶能效科技", "航运碳合规科技"],
             ["船舶EEXI/CII评估及SEEMP能效计划编制", "航运企业EU ETS与FuelEU Maritime合规咨询", "IMO DCS船舶碳排放数据报送",
              "船队碳强度指标（CII）优化咨询", "船舶尾气排放监测"],
             ["信息咨询服务（不含许可类信息咨询服务）", "海洋环境服务"], ["7249", "5539"], [], None),
    "0331": (["岸电科技", "港电工程", "电气工程"],
             ["船舶岸电系统建设与运营", "港口岸基供电及港机油改电工程", "港区岸电与光伏一体化项目", "零碳码头运营"],
             ["智能输配电及控制设备销售", "配电开关控制设备销售", "电力设施器材销售"], ["4879", "5532"], ["供电业务", "建设工程施工"], None),
    "0332": (["多式联运", "国际物流", "城市配送"],
             ["海铁联运及江海联运组织", "多式联运全程物流服务", "纯电动货车城市配送", "新能源物流车队即时配送", "港区电动重卡集疏运"],
             ["国际货物运输代理", "装卸搬运", "城市配送运输服务（不含危险货物）"], ["5810", "5437", "5431"],
             ["道路货物运输（不含危险货物）"], None),
    "0341": (["船舶燃料", "海洋能源", "船舶能源"],
             ["船舶LNG燃料加注及保税供应", "保税绿色甲醇船加注服务", "生物燃料（B24）船舶加注", "绿色船用燃料贸易与加注"],
             ["化工产品销售（不含许可类化工产品）", "新兴能源技术研发"], ["5539", "5169"], ["危险化学品经营", "港口经营"], None),
    "0411": (["§银行股份有限公司上海{北外滩|虹口|四川北路}绿色支行", "§银行股份有限公司上海{北外滩|虹口|曲阳}支行"],
             ["绿色贷款与可持续发展挂钩贷款发放", "新能源项目贷款与绿色供应链贷款", "光伏、储能项目贷款", "节能环保企业绿色信贷",
              "绿色项目贷款及能效贷"], [], ["6621"], [], "bank"),
    "0412": (["上海§小额贷款有限公司", "§银行股份有限公司上海北外滩碳金融支行", "上海§碳金融服务有限公司"],
             ["CCER质押融资", "碳配额质押融资与碳回购业务", "碳资产质押授信及借碳业务", "碳远期、碳掉期等碳金融衍生品设计"],
             [], ["6635", "6621", "6790"], [], "loan"),
    "0421": (["§证券股份有限公司上海分公司", "上海§证券承销保荐有限公司"],
             ["绿色债券承销与发行顾问", "碳中和债及可持续发展挂钩债券发行顾问", "绿色资产支持证券（ABS）承销", "蓝色债券与转型债券承销"],
             [], ["6712"], [], "securities"),
    "0422": (["上海§私募基金管理有限公司", "上海§绿色产业基金管理有限公司", "上海§新能源股权投资合伙企业（有限合伙）"],
             ["新能源、储能领域股权投资基金管理", "绿色产业基金发起与管理", "氢能产业基金投资管理", "ESG主题证券投资基金管理",
              "低碳科技领域创业投资基金管理"], [], ["6739", "6720", "6731"], [], "fund"),
    "0431": (["§财产保险股份有限公司上海分公司", "§财产保险股份有限公司上海虹口支公司", "上海§保险经纪有限公司"],
             ["环责险及新能源车险承保", "光伏电站、风电项目财产保险", "巨灾及天气指数保险", "碳汇保险与绿色保险产品开发",
              "新能源汽车保险经纪"], [], ["6820", "6851"], [], "insurance"),
    "0441": (["上海§信托有限公司", "§国际信托有限公司上海财富中心"],
             ["碳资产收益权信托", "光伏电站收益权服务信托", "水信托及绿色信托产品设立", "清洁能源项目集合资金信托"],
             [], ["6911"], [], "trust"),
    "0442": (["上海§融资租赁有限公司", "§融资租赁（上海）有限公司", "上海§绿色融资租赁有限公司"],
             ["新能源乘用车融资租赁", "光伏电站及储能设备融资租赁", "LNG动力船舶融资租赁", "新能源重卡及充电设施融资租赁",
              "风电设备融资租赁"], [], ["6631"], [], "leasing"),
    "0451": (["信用评估", "资信评估", "ESG数据科技", "可持续发展咨询"],
             ["上市公司ESG评级", "债券发行人ESG评级", "绿色债券第二方意见与评估认证", "ESG数据服务及可持续发展报告编制",
              "环境信息披露咨询"],
             ["企业信用调查和评估", "企业信用管理咨询服务", "数据处理服务"], ["7295", "7455", "6450"], ["认证服务"], None),
    "0511": (["新能源贸易", "国际贸易", "新能源科技", "汽车贸易"],
             ["光伏组件批发及出口", "储能电池进出口贸易", "锂电池及储能系统批发", "风电设备及零部件贸易", "新能源汽车整车出口"],
             ["光伏设备及元器件销售", "电池销售", "风力发电机组及零部件销售", "新能源汽车整车销售"], ["5179", "5172"], ["货物进出口"], None),
    "0512": (["机电设备", "节能设备", "环保设备", "照明电器"],
             ["高效节能电机销售", "水处理设备销售", "环境监测仪器销售", "空气源热泵销售", "一级能效空调及家电批发", "LED节能灯具批发"],
             ["节能设备销售", "环境保护专用设备销售"], ["5179", "5138", "5136"], [], None),
    "0513": (["再生材料", "环保材料", "新材料"],
             ["废钢贸易", "再生纸浆进口", "再生塑料颗粒贸易", "可降解餐具批发", "再生涤纶面料出口", "绿色建材销售"],
             ["再生资源销售", "生物基材料销售", "塑料制品销售"], ["5191", "5139", "5131"], ["货物进出口"], None),
    "0521": (["国际技术", "能源技术", "服务外包"],
             ["节能技术许可及进出口", "氢能技术许可与海外转让", "海外光伏电站运维技术服务", "新能源技术进出口", "跨境绿色咨询服务外包"],
             ["技术进出口", "新兴能源技术研发", "信息技术咨询服务"], ["7519", "7514", "7249"], [], None),
    "0531": (["碳合规咨询", "贸易合规咨询", "国际认证"],
             ["欧盟CBAM申报咨询", "出口产品碳足迹核算与申报", "欧盟电池法规合规及电池护照服务", "绿色贸易壁垒应对及合规认证",
              "{钢铁|铝|化肥}出口企业CBAM碳排放核查"],
             ["认证咨询", "信息咨询服务（不含许可类信息咨询服务）"], ["7455", "7249"], ["认证服务"], None),
}
# Relative number of enterprises per class (services and trade are more common than ports).
CLASS_WEIGHTS = {"0111": 45, "0112": 30, "0121": 30, "0122": 35, "0131": 25, "0132": 20, "0141": 50, "0151": 35, "0152": 15,
                 "0211": 40, "0212": 25, "0213": 40, "0221": 45, "0222": 25, "0223": 20, "0231": 45, "0241": 30, "0251": 25,
                 "0261": 25, "0311": 20, "0321": 30, "0331": 12, "0332": 40, "0341": 15, "0411": 35, "0412": 20, "0421": 20,
                 "0422": 45, "0431": 20, "0441": 10, "0442": 25, "0451": 20, "0511": 60, "0512": 35, "0513": 30, "0521": 15,
                 "0531": 20}
ENERGY_CLASSES = ("0211", "0212", "0213")

FINANCE_SCOPES = {
    "bank": ["经营中国银行业监督管理机构依照有关法律、行政法规和其他规定批准的业务，经营范围以批准文件所列的为准。" + TAIL_OLD,
             "吸收公众存款；发放短期、中期和长期贷款；办理国内外结算；办理票据承兑与贴现；代理发行、代理兑付、承销政府债券；"
             "买卖政府债券、金融债券；从事同业拆借；提供信用证服务及担保；代理收付款项。" + TAIL_OLD],
    "loan": ["发放贷款及相关的咨询活动。" + TAIL_OLD, "许可项目：小额贷款业务。" + TAIL_PERMIT],
    "securities": ["证券经纪；证券投资咨询；与证券交易、证券投资活动有关的财务顾问；证券承销与保荐；证券自营；证券资产管理。" + TAIL_OLD,
                   "许可项目：证券业务；证券投资咨询；证券投资基金销售。" + TAIL_PERMIT],
    "fund": ["一般项目：私募股权投资基金管理、创业投资基金管理服务（须在中国证券投资基金业协会完成登记备案后方可从事经营活动）。" + TAIL_GENERAL,
             "一般项目：以私募基金从事股权投资、投资管理、资产管理等活动（须在中国证券投资基金业协会完成登记备案后方可从事经营活动）。" + TAIL_GENERAL],
    "insurance": ["许可项目：财产损失保险；责任保险；信用保险和保证保险；短期健康保险和意外伤害保险；上述业务的再保险业务。" + TAIL_PERMIT,
                  "许可项目：保险经纪业务。" + TAIL_PERMIT],
    "trust": ["资金信托；动产信托；不动产信托；有价证券信托；其他财产或财产权信托；作为投资基金或者基金管理公司的发起人从事投资基金业务；"
              "经营企业资产的重组、购并及项目融资、公司理财、财务顾问等业务。" + TAIL_OLD],
    "leasing": ["融资租赁业务；租赁业务；向国内外购买租赁财产；租赁财产的残值处理及维修；租赁交易咨询和担保。" + TAIL_OLD,
                "一般项目：融资租赁业务；租赁业务；向国内外购买租赁财产；租赁财产的残值处理及维修；租赁交易咨询。" + TAIL_GENERAL],
}

BRAND = list("华申浦东汇联泰盛恒信达鑫瑞丰宏源远航博润海天启明嘉和安睿智诚卓越星辰晨光锦绣云帆中鼎新宇君悦宝德誉凯隆涵沐清澄"
             "峰岚澜颐朗致衡拓弘毅德昇沛景岳松柏逸翔瀚晟灏璟")
SUFFIX = ["有限公司"] * 14 + ["股份有限公司", "有限责任公司"]
NEUTRAL_WORDS = ["科技", "技术", "实业", "发展", "咨询", "管理"]


def expand(text):
    """'a{b|c}d' → ['abd', 'acd'] (alternatives may repeat)."""
    start = text.find("{")
    if start < 0:
        return [text]
    end = text.index("}", start)
    return [x for alt in text[start + 1:end].split("|") for x in expand(text[:start] + alt + text[end + 1:])]


def expand_all(items):
    return [x for t in items for x in expand(t)]


class Generator:
    def __init__(self, seed, year, malformed_rate, newline):
        self.rng = random.Random(seed)
        self.year = str(year)
        self.malformed_rate = malformed_rate
        self.nl = newline
        self.codes = CreditCodes(self.rng)
        self.classes = []
        for code, (words, mains, scope, codes, permits, fin) in GREEN.items():
            self.classes.append((code, expand_all(words), expand_all(mains), scope, codes, permits, fin))
        self.class_cum = self._cumulative([CLASS_WEIGHTS[c[0]] for c in self.classes])
        self.street_cum = self._cumulative(STREET_WEIGHTS)
        self.counts = {"green": 0, "bad_check": 0, "empty_name": 0, "bad_number": 0, "unbalanced_quote": 0}

    @staticmethod
    def _cumulative(weights):
        total, out = 0, []
        for w in weights:
            total += w
            out.append(total)
        return [x / total for x in out]

    def _pick_cum(self, cum, r):
        for i, c in enumerate(cum):  # short lists: a linear scan is faster than bisect's call
            if r < c:
                return i
        return len(cum) - 1

    def _brand(self):
        rnd = self.rng.random
        n = len(BRAND)
        return BRAND[int(rnd() * n)] + BRAND[int(rnd() * n)]

    def _scope(self, lead, extra_permits, target_len):
        """The 经营范围: class-specific items first (when given), generic items up to ~target_len characters."""
        rng = self.rng
        rnd = rng.random
        r = rnd()
        if r < 0.12:  # old style: 从事…领域内的技术开发…；…【…】 (sometimes with half-width commas)
            sep = "," if rnd() < 0.35 else "，"
            items = []
            if lead:
                items.extend(lead)
            f1, f2 = rng.sample(OLD_FIELDS, 2)
            items.append(f"从事{f1}、{f2}领域内的技术开发、技术咨询、技术服务、技术转让")
            length = sum(map(len, items))
            while length < target_len - 30:
                it = OLD_ITEMS[int(rnd() * len(OLD_ITEMS))]
                items.append(it)
                length += len(it) + 1
            return sep.join(items) + "。" + TAIL_OLD
        items = []
        if lead:
            if rnd() < 0.35:
                items.append(TECH)
            items.extend(lead)
        elif rnd() < 0.45:
            items.append(TECH)
        length = sum(map(len, items)) + len(items)
        n = len(GENERIC_ITEMS)
        while length < target_len:
            it = GENERIC_ITEMS[int(rnd() * n)]
            items.append(it)
            length += len(it) + 1
        text = "一般项目：" + "；".join(items) + "。" + TAIL_GENERAL
        permits = list(extra_permits)
        if rnd() < 0.22:
            permits.append(GENERIC_PERMITS[int(rnd() * len(GENERIC_PERMITS))])
        if permits:
            permit = "许可项目：" + "；".join(permits) + "。" + TAIL_PERMIT
            if rnd() < 0.5:  # the permit part first, as many registrations print it
                text = permit + ("\n" if rnd() < 0.04 else "") + text
            else:
                text = text + ("\n" if rnd() < 0.04 else "") + permit
        return text

    def row(self, i, last):
        """One record as a list of 11 field strings (unquoted)."""
        rng = self.rng
        rnd = rng.random
        green = rnd() < 0.30
        prefix_index = 0 if rnd() < 0.85 else 1
        energy = ""
        if green:
            self.counts["green"] += 1
            cls, words, mains, scope_items, codes, permits, fin = self.classes[self._pick_cum(self.class_cum, rnd())]
            word = words[int(rnd() * len(words))]
            if fin:
                name = word.replace("§", self._brand()) if "§" in word else "上海" + self._brand() + word + "有限公司"
            else:
                if rnd() < 0.4:
                    word = NEUTRAL_WORDS[int(rnd() * len(NEUTRAL_WORDS))]
                name = "上海" + self._brand() + word + SUFFIX[int(rnd() * len(SUFFIX))]
            main = mains[int(rnd() * len(mains))] if rnd() < 0.82 else ""
            industry = codes[int(rnd() * len(codes))]
            if fin:
                fam = FINANCE_SCOPES[fin]
                scope = fam[int(rnd() * len(fam))]
            else:
                k = 1 + int(rnd() * len(scope_items))
                lead = rng.sample(scope_items, k)
                if not main and rnd() < 0.85:
                    lead.insert(0, mains[int(rnd() * len(mains))])  # the activity written into the scope
                perm = [permits[int(rnd() * len(permits))]] if permits and rnd() < 0.5 else []
                scope = self._scope(lead, perm, 28 + int(rnd() * 40))
            share = "" if rnd() < 0.30 else f"{0.30 + 0.70 * rnd():.2f}"
            if share and rnd() < 0.05:
                share = f"{round(float(share) * 100)}%"
            revenue = math.exp(6.9 + 1.3 * rng.gauss(0.0, 1.0)) * (6 if fin else 1)
            if cls in ENERGY_CLASSES and rnd() < 0.6:
                energy = f"{revenue * (0.02 + 0.2 * rnd()):.1f}"
        else:
            name = "上海" + self._brand() + PLAIN_WORDS[int(rnd() * len(PLAIN_WORDS))] + SUFFIX[int(rnd() * len(SUFFIX))]
            r = rnd()
            if r < 0.06:
                main = DECOY_MAINS[int(rnd() * len(DECOY_MAINS))]
            elif r < 0.78:
                main = PLAIN_MAINS[int(rnd() * len(PLAIN_MAINS))]
            else:
                main = ""
            if rnd() < 0.004:
                main = '"互联网+"' + (main or "服务")  # an ASCII quote inside a field (doubled when written)
            industry = PLAIN_CODES[int(rnd() * len(PLAIN_CODES))]
            lead = [DECOY_ITEMS[int(rnd() * len(DECOY_ITEMS))]] if rnd() < 0.05 else []
            scope = self._scope(lead, [], 30 + int(rnd() * 44))
            share = "" if rnd() < 0.93 else f"{0.3 * rnd():.2f}"
            revenue = math.exp(6.2 + 1.4 * rng.gauss(0.0, 1.0))
        employees = max(1, int(revenue / (30 + 60 * rnd())))
        revenue_text = f"{revenue:.1f}" if rnd() < 0.85 else f"{round(revenue)}"
        street = STREETS[self._pick_cum(self.street_cum, rnd())]

        bad = 0
        if self.malformed_rate > 0:
            if last:
                name = '"' + name  # opens a quote never closed: the reader rejects this last row
                self.counts["unbalanced_quote"] += 1
                return [self.codes.code(i, prefix_index), name, self.year, industry, scope, main, revenue_text,
                        str(employees), share, street, energy], True
            if rnd() < self.malformed_rate:
                r = rnd()
                if r < 0.5:
                    bad = 1 + int(rnd() * 30)
                    self.counts["bad_check"] += 1
                elif r < 0.8:
                    name = ""
                    self.counts["empty_name"] += 1
                else:
                    revenue_text = ["约" + revenue_text, "N/A", revenue_text + "万", "一百二十"][int(rnd() * 4)]
                    self.counts["bad_number"] += 1
        code = self.codes.code(i, prefix_index, bad)
        return [code, name, self.year, industry, scope, main, revenue_text, str(employees), share, street, energy], False


def csv_field(text):
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, required=True, help="number of data rows")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True, help="output path, or - for stdout")
    ap.add_argument("--encoding", choices=["utf-8", "gb18030"], default="utf-8")
    ap.add_argument("--malformed-rate", type=float, default=0.001,
                    help="share of malformed rows (default 0.001); 0 = none, and no unbalanced quote")
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--bom", action="store_true", help="start a UTF-8 file with a byte-order mark")
    ap.add_argument("--crlf", action="store_true", help="end lines with CR LF (as Excel does)")
    args = ap.parse_args()
    if args.rows < 0 or not 0 <= args.malformed_rate <= 1:
        ap.error("--rows must be >= 0 and --malformed-rate in 0..1")

    nl = "\r\n" if args.crlf else "\n"
    gen = Generator(args.seed, args.year, args.malformed_rate, nl)
    enc = args.encoding
    started = time.monotonic()
    out = sys.stdout.buffer if args.out == "-" else open(args.out + ".tmp" if args.out != "-" else args.out, "wb")
    written = 0
    try:
        head = ",".join(HEADER) + nl
        data = head.encode(enc)
        if args.bom and enc == "utf-8":
            data = b"\xef\xbb\xbf" + data
        out.write(data)
        written += len(data)
        block = []
        last_index = args.rows - 1
        for i in range(args.rows):
            fields, raw_name = gen.row(i, i == last_index)
            if raw_name:  # the unbalanced quote is written as is, never escaped
                block.append(",".join([csv_field(fields[0]), fields[1]] + [csv_field(f) for f in fields[2:]]))
            else:
                block.append(",".join(map(csv_field, fields)))
            if len(block) == 8192:
                data = (nl.join(block) + nl).encode(enc)
                out.write(data)
                written += len(data)
                block.clear()
        if block:
            data = (nl.join(block) + nl).encode(enc)
            out.write(data)
            written += len(data)
    finally:
        if out is not sys.stdout.buffer:
            out.close()
    if args.out != "-":
        os.replace(args.out + ".tmp", args.out)
    elapsed = time.monotonic() - started
    c = gen.counts
    print(f"gen_register: {args.rows:,} rows ({c['green']:,} green-intended), {written:,} bytes "
          f"({written / 1e6:.1f} MB, {enc}) in {elapsed:.1f} s = {written / 1e6 / max(elapsed, 1e-9):.1f} MB/s; "
          f"malformed: {c['bad_check']} bad check, {c['empty_name']} empty name, {c['bad_number']} bad number, "
          f"{c['unbalanced_quote']} unbalanced quote (expected rejects: "
          f"{c['bad_check'] + c['empty_name'] + c['unbalanced_quote']})", file=sys.stderr)


if __name__ == "__main__":
    main()
