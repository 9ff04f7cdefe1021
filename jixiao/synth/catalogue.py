"""What departments and units of a district do: their tasks, the indicators (关键指标 / 三级指标) that
measure them, and their key projects, written as a table per sector and read once at import.

A metric line is ``key | subject | kind | unit | first-year targets | 二级指标 | words for zero``:

- kind ``up`` (a count, more is better: ≥), ``rate`` (a percentage, ≥), ``down`` (a count, less is
  better: ≤), ``rate_down`` (a percentage, ≤), ``eq`` (=100%), ``grade`` (良好以上), ``qual`` (a
  qualitative target such as 效果明显), ``deadline`` (a date: 11-30 or 12), ``cost`` (≤ the
  project's budget, project forms only);
- targets: ``150:260:10`` (from 150 to 260 in steps of 10), ``90,95,98`` (one of), or the word of a
  grade, qualitative or date target.

A task line is ``name | 预期目标 | metric keys``; a project line is ``name | metric keys``. Projects
also get the generic metrics of every 财预〔2020〕10号 grid (资金拨付及时率, 验收合格率, 完成时间, 总成本,
满意度).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Kind = Literal["up", "rate", "down", "rate_down", "eq", "grade", "qual", "deadline", "cost"]
KINDS: tuple[Kind, ...] = ("up", "rate", "down", "rate_down", "eq", "grade", "qual", "deadline", "cost")

LEVEL1 = {
    "数量": "产出指标",
    "质量": "产出指标",
    "时效": "产出指标",
    "成本": "产出指标",
    "社会效益": "效益指标",
    "经济效益": "效益指标",
    "生态效益": "效益指标",
    "可持续影响": "效益指标",
    "满意度": "满意度指标",
}
LEVEL2_NAMES = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "成本": "成本指标",
    "社会效益": "社会效益指标",
    "经济效益": "经济效益指标",
    "生态效益": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "满意度": "服务对象满意度指标",
}
# The key project's narrative counts its indicators by these words (数量指标6项,质量指标2项 …).
CATEGORY_WORDS = {
    "数量": "数量",
    "质量": "质量",
    "时效": "时效",
    "成本": "成本",
    "社会效益": "效益",
    "经济效益": "效益",
    "生态效益": "效益",
    "可持续影响": "效益",
    "满意度": "满意度",
}


@dataclass(frozen=True)
class Metric:
    key: str
    subject: str
    kind: Kind
    unit: str
    targets: tuple[Decimal, ...] | str
    level2: str
    zero_words: str = ""

    @property
    def quantitative(self) -> bool:
        return self.kind in ("up", "rate", "down", "rate_down", "eq", "cost")

    @property
    def less_is_better(self) -> bool:
        return self.kind in ("down", "rate_down", "cost")

    @property
    def percent(self) -> bool:
        return self.kind in ("rate", "rate_down", "eq")


@dataclass(frozen=True)
class TaskPlan:
    name: str
    expected: str
    metrics: tuple[str, ...]


@dataclass(frozen=True)
class ProjectPlan:
    name: str
    metrics: tuple[str, ...]


@dataclass(frozen=True)
class Sector:
    key: str
    name: str  # the body's name after the region prefix: 教育局, 社区卫生服务中心
    focus: str  # what it works for, for the narratives
    budget: tuple[int, int]  # 本级 budget range, 万元
    metrics: dict[str, Metric]
    tasks: tuple[TaskPlan, ...]
    projects: tuple[ProjectPlan, ...]
    units: tuple[str, ...] = ()  # subordinate units: a name, or "sector-key:name pattern"
    achievements: tuple[str, ...] = field(default=())


def _targets(text: str, kind: Kind) -> tuple[Decimal, ...] | str:
    if kind in ("grade", "qual", "deadline"):
        return text
    if ":" in text:
        low, high, step = (Decimal(part) for part in text.split(":"))
        values = []
        value = low
        while value <= high:
            values.append(value)
            value += step
        return tuple(values)
    return tuple(Decimal(part) for part in text.split(","))


def _metrics(block: str) -> dict[str, Metric]:
    found: dict[str, Metric] = {}
    for line in block.strip().splitlines():
        parts = [part.strip() for part in line.split("|")]
        key, subject, written_kind, unit, targets, level2 = parts[:6]
        kind = next((k for k in KINDS if k == written_kind), None)
        assert kind is not None, line
        assert level2 in LEVEL1, line
        zero = parts[6] if len(parts) > 6 else ""
        found[key] = Metric(key, subject, kind, unit, _targets(targets, kind), level2, zero)
    return found


def _tasks(block: str, metrics: dict[str, Metric]) -> tuple[TaskPlan, ...]:
    tasks = []
    for line in block.strip().splitlines():
        name, expected, keys = (part.strip() for part in line.split("|"))
        for key in keys.split():
            assert key in metrics, f"{key} in {line}"
        tasks.append(TaskPlan(name, expected, tuple(keys.split())))
    return tuple(tasks)


def _projects(block: str, metrics: dict[str, Metric]) -> tuple[ProjectPlan, ...]:
    projects = []
    for line in block.strip().splitlines():
        name, keys = (part.strip() for part in line.split("|"))
        for key in keys.split():
            assert key in metrics, f"{key} in {line}"
        projects.append(ProjectPlan(name, tuple(keys.split())))
    return tuple(projects)


def sector(
    key: str,
    name: str,
    focus: str,
    budget: tuple[int, int],
    metrics: str,
    tasks: str,
    projects: str,
    units: tuple[str, ...] = (),
    achievements: tuple[str, ...] = (),
) -> Sector:
    table = _metrics(metrics)
    return Sector(
        key=key,
        name=name,
        focus=focus,
        budget=budget,
        metrics=table,
        tasks=_tasks(tasks, table),
        projects=_projects(projects, table),
        units=units,
        achievements=achievements,
    )


# The metrics every project grid carries besides its own (财预〔2020〕10号 template rows).
GENERIC_PROJECT_METRICS = _metrics(
    """
    pay | 资金拨付及时率 | eq | % | 100 | 时效
    accept | 项目验收合格率 | eq | % | 100 | 质量
    finish | 项目完成时间 | deadline | | 12 | 时效
    cost | 项目总成本 | cost | 万元 | 0 | 成本
    benefit | 对提升公共服务水平的促进作用 | qual | | 效果明显 | 社会效益
    lasting | 长效管理机制 | qual | | 健全 | 可持续影响
    satisfy | 服务对象满意度 | rate | % | 85,90,95 | 满意度
    people | 受益群众人数 | up | 人 | 2000:50000:1000 | 社会效益
    start | 项目开工及时率 | eq | % | 100 | 时效
    fixrate | 检查发现问题整改率 | rate | % | 90,95 | 质量
    publicity | 政策宣传知晓率 | rate | % | 80,85,90 | 社会效益
    citizen | 群众满意度 | rate | % | 85,90 | 满意度
    compliance | 资金使用合规性 | qual | | 符合相关规定 | 质量
    """
)
# Always on a project grid, and the ones a grid may add.
PROJECT_CORE = ("pay", "accept", "finish", "cost", "benefit", "lasting", "satisfy")
PROJECT_OPTIONAL = ("people", "start", "fixrate", "publicity", "citizen", "compliance")

# A department form's task of internal management (重庆式 rows, in Guangzhou written as a task).
MANAGEMENT_METRICS = _metrics(
    """
    m_procure | 政府采购执行率 | rate | % | 90,95 | 质量
    m_three | “三公”经费控制率 | rate_down | % | 100 | 成本
    m_carry | 结转结余率 | rate_down | % | 5,8,10 | 成本
    m_publish | 预决算信息公开及时率 | eq | % | 100 | 时效
    m_assets | 固定资产利用率 | rate | % | 85,90 | 质量
    m_rules | 内部管理制度 | qual | | 健全 | 可持续影响
    m_comply | 资金使用合规性 | qual | | 符合相关规定 | 质量
    m_staff | 在职人员控制率 | rate_down | % | 100 | 成本
    """
)
MANAGEMENT_TASK = TaskPlan(
    "加强内部管理,提升预算绩效管理水平。",
    "规范预算执行和政府采购,压减一般性支出,推进预决算信息公开,健全内部管理制度。",
    tuple(MANAGEMENT_METRICS),
)

# Tasks every body reports besides its own: people, openness, safety.
COMMON_METRICS = _metrics(
    """
    c_train | 干部职工教育培训人次 | up | 人次 | 50:500:10 | 数量
    c_integrity | 开展党风廉政教育活动 | up | 次 | 4:12:1 | 数量
    c_duty | 意识形态工作责任制落实 | qual | | 到位 | 质量
    c_open | 政府信息主动公开条数 | up | 条 | 100:800:20 | 数量
    c_reply | 依申请公开按期答复率 | eq | % | 100 | 时效
    c_motions | 人大建议政协提案办复率 | eq | % | 100 | 时效
    c_hotline | 热线工单按时办结率 | rate | % | 95,98 | 时效
    c_checks | 开展安全检查次数 | up | 次 | 12:60:2 | 数量
    c_fix | 安全隐患整改率 | rate | % | 95,98 | 质量
    c_drills | 开展应急演练次数 | up | 次 | 2:6:1 | 数量
    c_accident | 较大及以上安全事故 | down | 起 | 0 | 社会效益 | 未发生较大及以上安全事故
    """
)
COMMON_TASKS = (
    TaskPlan(
        "加强干部队伍建设,落实全面从严治党。",
        "开展干部职工教育培训和党风廉政教育,落实意识形态工作责任制。",
        ("c_train", "c_integrity", "c_duty"),
    ),
    TaskPlan(
        "推进政务公开,回应群众关切。",
        "主动公开政府信息,按期答复依申请公开,办好人大建议政协提案和热线工单。",
        ("c_open", "c_reply", "c_motions", "c_hotline"),
    ),
    TaskPlan(
        "抓好安全生产,防范化解风险。",
        "开展安全检查和应急演练,督促隐患整改,杜绝较大安全事故。",
        ("c_checks", "c_fix", "c_drills", "c_accident"),
    ),
)

SECTORS: dict[str, Sector] = {}


def _add(item: Sector) -> None:
    SECTORS[item.key] = item


_add(
    sector(
        "gov",
        "政务服务数据管理局",
        "审批服务便民化与“数字政府”改革建设",
        (3000, 12000),
        """
        good | “好差评”系统政务服务好评率 | rate | % | 95,97,98 | 满意度
        cross | 实现“跨域通办”事项数 | up | 项 | 150:260:10 | 数量
        norun | 依申请事项办事不用跑率 | rate | % | 90,95 | 质量
        kiosk | 全区布设政务自助服务一体机数量 | up | 台 | 30:60:1 | 数量
        app | 进驻“穗好办”APP事项数 | up | 项 | 150:300:10 | 数量
        hotline | 政务服务热线工单按时办结率 | rate | % | 95,98 | 时效
        review | 完成信息化项目评审数量 | up | 个 | 60:120:5 | 数量
        fault | 政务信息资源共享平台严重故障次数 | down | 次 | 3,5 | 质量 | 未发生严重故障
        onestop | 推行“一件事”主题服务事项 | up | 组 | 12:30:1 | 数量
        license | 电子证照应用率 | rate | % | 85,90,95 | 质量
        consult | 政务智能咨询服务群众满意度 | rate | % | 90,95 | 满意度
        """,
        """
        优化营商环境,推进政务服务提质工程落地实施。| 实施政务提质工程,优化企业开办注销流程,推进政务服务事项“跨域通办”,持续优化营商环境。| good cross onestop norun
        深化“放管服”改革,推进政务服务便利化。| 推进政务服务事项网上办、掌上办、就近办,提升政务服务标准化水平。| app kiosk hotline license
        聚焦科技赋能,加快推进“数字政府”建设。| 统筹区级政务信息化项目,保障政务信息系统安全稳定运行。| review fault consult
        """,
        """
        数字政府建设项目 | review fault license
        政务服务中心运行保障项目 | kiosk hotline good
        """,
        units=("政务服务中心", "政务数据中心"),
        achievements=("政务服务事项实现“一网通办”", "营商环境进一步优化"),
    )
)

_add(
    sector(
        "edu",
        "教育局",
        "办好人民满意的教育,推进基础教育优质均衡发展",
        (40000, 160000),
        """
        seats | 新增公办中小学学位数 | up | 个 | 800:2400:100 | 数量
        train | 教师专业培训人次 | up | 人次 | 2000:6000:200 | 数量
        enrol | 义务教育阶段适龄儿童入学率 | rate | % | 99,100 | 质量
        safety | 校舍安全隐患整改率 | eq | % | 100 | 质量
        after | 课后服务学校覆盖率 | rate | % | 95,100 | 质量
        fit | 学生体质健康测试达标率 | rate | % | 90,92,95 | 社会效益
        aid | 学生资助资金发放人次 | up | 人次 | 600:1500:15 | 数量
        aidtime | 学生资助资金发放及时率 | eq | % | 100 | 时效
        accident | 校园重大安全责任事故 | down | 起 | 0 | 质量 | 未发生校园重大安全责任事故
        parent | 家长满意度 | rate | % | 85,90,92 | 满意度
        """,
        """
        扩大公办学位供给,推进学校建设。| 新建、改扩建一批公办中小学校和幼儿园,增加公办学位供给。| seats safety enrol
        加强教师队伍建设,提升教育教学质量。| 开展分层分类教师培训,推进课后服务提质扩面。| train after fit
        落实学生资助政策,保障学生安全。| 按时足额发放各类学生资助资金,做好校园安全管理。| aid aidtime accident parent
        """,
        """
        中小学校舍维修改造项目 | safety seats
        学生资助补助资金项目 | aid aidtime
        教师队伍建设专项资金项目 | train after
        """,
        units=(
            "school:{place}小学",
            "school:{place}小学",
            "school:{place}小学",
            "school:{place}小学",
            "school:{place}小学",
            "school:{place}小学",
            "school:{place}小学",
            "school:{place}小学",
            "school:第{n}中学",
            "school:{place}中学",
            "school:{place}中学",
            "school:{place}实验学校",
            "kinder:{place}幼儿园",
            "kinder:第{n}幼儿园",
            "教育发展研究院",
            "学生资助管理中心",
        ),
        achievements=("公办学位供给持续增加", "教育教学质量稳步提升"),
    )
)

_add(
    sector(
        "school",
        "学校",
        "立德树人,提升教育教学质量",
        (1800, 9000),
        """
        fit | 学生体质健康测试达标率 | rate | % | 90,92,95 | 社会效益
        train | 教师参加培训人次 | up | 人次 | 80:300:10 | 数量
        after | 课后服务学生参与率 | rate | % | 80,85,90 | 质量
        books | 新增图书册数 | up | 册 | 1500:6000:100 | 数量
        devices | 更新教学设备数量 | up | 台 | 40:200:5 | 数量
        accident | 校园安全责任事故 | down | 起 | 0 | 质量 | 未发生校园安全责任事故
        meals | 学生营养餐供应天数 | up | 天 | 180:200:2 | 时效
        repair | 校舍维修改造完成时间 | deadline | | 08-31 | 时效
        parent | 家长满意度 | rate | % | 85,90,95 | 满意度
        """,
        """
        落实立德树人,提升教育教学质量。| 加强教师培训和教研,开展课后服务,促进学生全面发展。| train after fit
        改善办学条件,保障校园安全。| 更新教学设备,按期完成校舍维修,确保校园安全。| devices repair accident books
        做好后勤保障,办人民满意的学校。| 保障学生营养餐供应,提高家长满意度。| meals parent
        """,
        """
        校舍维修改造项目 | repair accident
        教学设备购置项目 | devices books
        """,
    )
)

_add(
    sector(
        "kinder",
        "幼儿园",
        "保教质量提升与普惠性学前教育",
        (500, 2500),
        """
        places | 提供普惠性学位数 | up | 个 | 240:540:30 | 数量
        train | 保教人员培训人次 | up | 人次 | 30:120:5 | 数量
        checkup | 幼儿健康检查覆盖率 | eq | % | 100 | 质量
        accident | 园内安全责任事故 | down | 起 | 0 | 质量 | 未发生园内安全责任事故
        parent | 家长满意度 | rate | % | 90,95 | 满意度
        toys | 更新玩教具套数 | up | 套 | 50:300:10 | 数量
        meals | 幼儿膳食营养分析次数 | up | 次 | 4:12:1 | 质量
        drills | 开展安全疏散演练次数 | up | 次 | 4:12:1 | 质量
        """,
        """
        提供普惠性学前教育服务。| 保障普惠性学位供给,做好幼儿健康检查。| places checkup
        提升保教质量,保障幼儿安全。| 加强保教人员培训,落实安全责任。| train accident parent
        """,
        """
        普惠性幼儿园补助项目 | places train
        """,
    )
)

_add(
    sector(
        "health",
        "卫生健康局",
        "推进健康城区建设,提升基本公共卫生服务水平",
        (20000, 70000),
        """
        doctor | 家庭医生签约服务覆盖率 | rate | % | 30,35,40 | 社会效益
        vaccine | 适龄儿童免疫规划疫苗接种率 | rate | % | 90,95 | 质量
        mother | 孕产妇系统管理率 | rate | % | 85,90 | 质量
        elder | 老年人健康管理率 | rate | % | 65,70 | 质量
        report | 法定传染病疫情报告及时率 | eq | % | 100 | 时效
        records | 居民电子健康档案建档率 | rate | % | 80,85,90 | 质量
        checks | 卫生监督检查户次 | up | 户次 | 2000:5000:100 | 数量
        dispute | 重大医疗纠纷 | down | 起 | 0,1,2 | 质量 | 未发生重大医疗纠纷
        patient | 患者满意度 | rate | % | 85,90 | 满意度
        """,
        """
        做实基本公共卫生服务。| 做好家庭医生签约、居民健康档案管理和老年人健康管理。| doctor records elder
        加强疾病预防控制与妇幼健康。| 做好免疫规划、传染病疫情报告和孕产妇系统管理。| vaccine report mother
        强化卫生监督执法,保障医疗安全。| 开展卫生监督检查,预防和化解医疗纠纷。| checks dispute patient
        """,
        """
        基本公共卫生服务项目 | doctor records elder
        重大传染病防控项目 | vaccine report
        """,
        units=(
            "clinic:{place}街社区卫生服务中心",
            "clinic:{place}街社区卫生服务中心",
            "clinic:{place}街社区卫生服务中心",
            "clinic:{place}街社区卫生服务中心",
            "妇幼保健院",
            "疾病预防控制中心",
            "卫生健康监督所",
        ),
        achievements=("基本公共卫生服务均等化水平持续提升",),
    )
)

_add(
    sector(
        "clinic",
        "社区卫生服务中心",
        "做好基本医疗和基本公共卫生服务",
        (900, 4500),
        """
        visits | 门急诊诊疗人次 | up | 万人次 | 5:20:0.5 | 数量
        doctor | 家庭医生签约人数 | up | 人 | 6000:20000:500 | 数量
        records | 居民电子健康档案建档率 | rate | % | 80,85,90 | 质量
        elder | 老年人健康管理率 | rate | % | 65,70 | 质量
        vaccine | 预防接种人次 | up | 人次 | 8000:30000:1000 | 数量
        chronic | 高血压患者规范管理率 | rate | % | 60,65,70 | 社会效益
        dispute | 医疗安全事故 | down | 起 | 0 | 质量 | 未发生医疗安全事故
        patient | 患者满意度 | rate | % | 85,90,95 | 满意度
        """,
        """
        做好基本医疗服务。| 优化门急诊服务流程,保障医疗安全。| visits dispute patient
        做实基本公共卫生服务。| 推进家庭医生签约,做好健康档案、老年人和慢性病健康管理。| doctor records elder chronic vaccine
        """,
        """
        基本公共卫生服务补助项目 | doctor records elder chronic
        """,
    )
)

_add(
    sector(
        "civil",
        "民政局",
        "兜牢民生底线,完善养老服务体系",
        (15000, 50000),
        """
        poor | 特困人员救助供养人数 | up | 人 | 300:900:20 | 数量
        allowance | 最低生活保障金发放及时率 | eq | % | 100 | 时效
        beds | 养老机构床位数 | up | 张 | 1200:3000:100 | 数量
        homecare | 居家养老服务人次 | up | 万人次 | 3:12:0.5 | 数量
        relief | 临时救助人次 | up | 人次 | 300:900:20 | 数量
        orgs | 社会组织年检率 | rate | % | 85,90 | 质量
        canteen | 长者饭堂覆盖率 | rate | % | 90,95,100 | 社会效益
        serve | 服务对象满意度 | rate | % | 85,90 | 满意度
        """,
        """
        做好社会救助,兜牢民生底线。| 按时足额发放低保、特困供养和临时救助资金。| poor allowance relief
        完善养老服务体系。| 增加养老机构床位,推进居家养老服务和长者饭堂建设。| beds homecare canteen
        加强社会组织管理。| 做好社会组织年检和服务对象回访。| orgs serve
        """,
        """
        社会救助资金项目 | poor allowance relief
        居家养老服务项目 | homecare canteen
        """,
        units=("社会福利院", "救助管理站"),
        achievements=("困难群众基本生活得到保障", "养老服务体系进一步完善"),
    )
)

_add(
    sector(
        "hr",
        "人力资源和社会保障局",
        "稳就业、保民生,构建和谐劳动关系",
        (8000, 30000),
        """
        jobs | 城镇新增就业人数 | up | 万人 | 1:4:0.1 | 社会效益
        skills | 职业技能培训人次 | up | 人次 | 5000:15000:500 | 数量
        hard | 就业困难人员实现就业人数 | up | 人 | 500:1500:50 | 数量
        arbitrate | 劳动人事争议仲裁结案率 | rate | % | 90,92,95 | 质量
        wages | 欠薪投诉案件办结率 | rate | % | 95,98 | 时效
        subsidy | 就业补贴发放及时率 | eq | % | 100 | 时效
        fairs | 举办招聘会场次 | up | 场 | 30:120:10 | 数量
        insured | 企业职工养老保险参保人数 | up | 万人 | 20:80:1 | 社会效益
        serve | 群众满意度 | rate | % | 85,90 | 满意度
        """,
        """
        稳定和扩大就业。| 落实就业优先政策,帮扶就业困难人员就业。| jobs hard subsidy
        提升劳动者职业技能。| 开展职业技能培训。| skills serve
        构建和谐劳动关系。| 依法处理劳动人事争议和欠薪投诉。| arbitrate wages
        """,
        """
        就业专项资金项目 | jobs hard subsidy
        职业技能提升行动项目 | skills
        """,
        units=("就业服务管理中心", "劳动人事争议仲裁院"),
        achievements=("就业局势保持稳定",),
    )
)

_add(
    sector(
        "housing",
        "住房和城乡建设局",
        "城市更新与建设工程质量安全",
        (10000, 40000),
        """
        oldcomm | 老旧小区微改造数量 | up | 个 | 8:30:1 | 数量
        housing | 保障性住房筹建套数 | up | 套 | 500:2000:50 | 数量
        accident | 建设工程较大安全生产事故 | down | 起 | 0 | 质量 | 未发生较大安全生产事故
        quality | 竣工验收工程质量合格率 | eq | % | 100 | 质量
        inspect | 建设工程安全巡查次数 | up | 次 | 300:900:20 | 数量
        dangerous | 危房安全鉴定及时率 | rate | % | 95,100 | 时效
        resident | 居民满意度 | rate | % | 85,90 | 满意度
        """,
        """
        推进城市更新。| 推进老旧小区微改造,筹建保障性住房。| oldcomm housing resident
        加强建设工程质量安全监管。| 开展建设工程安全巡查,确保竣工工程质量。| inspect quality accident dangerous
        """,
        """
        老旧小区微改造项目 | oldcomm resident
        建设工程质量安全监督项目 | inspect quality accident
        """,
        units=("建设工程质量安全监督站", "房屋安全管理所"),
    )
)

_add(
    sector(
        "city",
        "城市管理和综合执法局",
        "城市精细化管理与市容环境提升",
        (15000, 60000),
        """
        garbage | 生活垃圾无害化处理率 | eq | % | 100 | 生态效益
        sort | 生活垃圾分类覆盖率 | rate | % | 95,100 | 生态效益
        clean | 道路清扫保洁面积 | up | 万平方米 | 800:1500:50 | 数量
        illegal | 拆除违法建设面积 | up | 万平方米 | 10:40:1 | 数量
        toilets | 升级改造公厕座数 | up | 座 | 10:40:2 | 数量
        complaints | 市容环境投诉处理及时率 | rate | % | 95,98 | 时效
        citizen | 市民满意度 | rate | % | 85,90 | 满意度
        """,
        """
        提升市容环境卫生水平。| 做好道路清扫保洁和公厕升级改造,推进垃圾分类。| clean toilets sort garbage
        依法治理违法建设。| 拆除违法建设,及时处理市容环境投诉。| illegal complaints citizen
        """,
        """
        环卫保洁服务项目 | clean garbage
        公厕升级改造项目 | toilets
        """,
        units=("环境卫生管理所", "市政设施维护管理所", "城市管理综合执法大队"),
    )
)

_add(
    sector(
        "culture",
        "文化广电旅游体育局",
        "公共文化服务与全民健身",
        (6000, 25000),
        """
        events | 举办公共文化活动场次 | up | 场 | 200:600:20 | 数量
        readers | 图书馆接待读者人次 | up | 万人次 | 50:150:5 | 社会效益
        books | 新增馆藏图书 | up | 万册 | 2:8:0.5 | 数量
        sports | 举办群众体育赛事活动 | up | 场 | 30:90:5 | 数量
        open | 公共文化场馆免费开放天数 | up | 天 | 300:330:5 | 时效
        safety | 文化市场安全事故 | down | 起 | 0 | 质量 | 未发生文化市场安全事故
        visitor | 群众满意度 | rate | % | 85,90,95 | 满意度
        """,
        """
        完善公共文化服务体系。| 举办公共文化活动,公共文化场馆免费开放。| events open readers books
        推进全民健身。| 举办群众体育赛事活动。| sports visitor
        加强文化市场管理。| 开展文化市场执法检查,确保安全。| safety
        """,
        """
        公共文化服务体系建设项目 | events open
        全民健身活动项目 | sports visitor
        """,
        units=("图书馆", "文化馆", "体育发展中心"),
    )
)

_add(
    sector(
        "water",
        "水务局",
        "治水防涝与河长制",
        (8000, 35000),
        """
        dredge | 排水管网清疏长度 | up | 公里 | 80:300:10 | 数量
        flood | 整治内涝点数量 | up | 个 | 4:15:1 | 数量
        patrol | 河涌巡查次数 | up | 次 | 600:2000:100 | 数量
        quality | 河涌水质达标率 | rate | % | 80,85,90 | 生态效益
        response | 防汛抢险响应及时率 | eq | % | 100 | 时效
        drown | 因洪涝灾害死亡人数 | down | 人 | 0 | 社会效益 | 未发生因洪涝灾害死亡事件
        resident | 群众满意度 | rate | % | 85,90 | 满意度
        """,
        """
        推进治水防涝。| 清疏排水管网,整治内涝点,做好防汛抢险。| dredge flood response drown
        落实河长制。| 开展河涌巡查,改善河涌水质。| patrol quality resident
        """,
        """
        排水设施维护项目 | dredge flood
        河涌综合整治项目 | patrol quality
        """,
        units=("河涌管理所", "排水管理所"),
    )
)

_add(
    sector(
        "market",
        "市场监督管理局",
        "食品药品安全与市场秩序",
        (8000, 30000),
        """
        food | 食品安全抽检批次 | up | 批次 | 1500:4000:100 | 数量
        special | 特种设备定期检验率 | rate | % | 98,100 | 质量
        complaint | 消费投诉处理率 | rate | % | 95,98 | 时效
        entities | 新登记市场主体 | up | 万户 | 5:18:0.5 | 经济效益
        foodsafe | 重大食品安全事故 | down | 起 | 0 | 质量 | 未发生重大食品安全事故
        licences | 食品经营许可办结及时率 | eq | % | 100 | 时效
        checks | 双随机抽查任务完成率 | eq | % | 100 | 质量
        business | 企业满意度 | rate | % | 85,90 | 满意度
        """,
        """
        守牢食品药品安全底线。| 开展食品安全抽检,防范重大食品安全事故。| food foodsafe special
        优化市场准入和消费环境。| 便利市场主体登记,及时处理消费投诉。| entities complaint business
        """,
        """
        食品安全抽检监测项目 | food foodsafe
        """,
        units=(
            "market_station:{place}市场监督管理所",
            "market_station:{place}市场监督管理所",
            "market_station:{place}市场监督管理所",
        ),
    )
)

_add(
    sector(
        "market_station",
        "市场监督管理所",
        "辖区市场监管",
        (300, 1200),
        """
        inspect | 市场主体日常检查户次 | up | 户次 | 800:3000:100 | 数量
        food | 食品快检批次 | up | 批次 | 300:1200:50 | 数量
        price | 价格监督检查户次 | up | 户次 | 100:500:20 | 数量
        ads | 广告监测条次 | up | 条 | 200:1000:50 | 数量
        pharmacy | 药品经营企业检查覆盖率 | eq | % | 100 | 质量
        complaint | 消费投诉处理率 | rate | % | 95,98 | 时效
        business | 企业满意度 | rate | % | 85,90 | 满意度
        """,
        """
        开展辖区市场日常监管。| 开展市场主体日常检查和食品快检。| inspect food
        及时处理消费投诉。| 按时处理消费投诉,提升企业和群众满意度。| complaint business
        """,
        """
        市场监管执法项目 | inspect food
        """,
    )
)

_add(
    sector(
        "justice",
        "司法局",
        "法治政府建设与公共法律服务",
        (3000, 10000),
        """
        aid | 办理法律援助案件数 | up | 件 | 500:1200:50 | 数量
        mediate | 人民调解成功率 | rate | % | 95,97 | 质量
        publicity | 开展普法宣传活动 | up | 场 | 100:300:10 | 数量
        relapse | 社区矫正对象再犯罪率 | rate_down | % | 0.2,0.5 | 社会效益
        review | 行政规范性文件合法性审查率 | eq | % | 100 | 质量
        lawyers | 村(社区)法律顾问覆盖率 | eq | % | 100 | 质量
        notary | 办理公证事项 | up | 件 | 3000:9000:500 | 数量
        serve | 公共法律服务满意度 | rate | % | 90,95 | 满意度
        """,
        """
        推进法治政府建设。| 做好行政规范性文件合法性审查和普法宣传。| review publicity
        完善公共法律服务体系。| 办理法律援助案件,做好人民调解和社区矫正。| aid mediate relapse serve
        """,
        """
        公共法律服务体系建设项目 | aid mediate
        """,
        units=("公证处", "法律援助处"),
    )
)

_add(
    sector(
        "emergency",
        "应急管理局",
        "安全生产与应急救援",
        (3000, 12000),
        """
        inspect | 安全生产执法检查企业数 | up | 家 | 800:2500:100 | 数量
        drills | 组织应急演练场次 | up | 场 | 20:80:5 | 数量
        hazards | 安全隐患整改率 | rate | % | 95,98 | 质量
        deaths | 生产安全事故死亡人数 | down | 人 | 3:10:1 | 社会效益
        stock | 应急物资储备达标率 | eq | % | 100 | 质量
        train | 安全生产培训人次 | up | 人次 | 2000:8000:500 | 数量
        shelters | 应急避难场所数量 | up | 个 | 10:40:2 | 数量
        serve | 企业满意度 | rate | % | 85,90 | 满意度
        """,
        """
        强化安全生产监管。| 开展安全生产执法检查,督促隐患整改,减少事故死亡人数。| inspect hazards deaths
        提升应急救援能力。| 组织应急演练,储备应急物资。| drills stock serve
        """,
        """
        安全生产监管执法项目 | inspect hazards
        应急物资储备项目 | stock drills
        """,
        units=("应急救援指挥中心",),
    )
)

_add(
    sector(
        "tech",
        "科技工业和信息化局",
        "科技创新与产业发展",
        (5000, 40000),
        """
        hightech | 高新技术企业数 | up | 家 | 500:2000:50 | 经济效益
        incubators | 科技企业孵化器数量 | up | 个 | 10:40:2 | 数量
        funds | 扶持资金拨付及时率 | eq | % | 100 | 时效
        patents | 发明专利授权量 | up | 件 | 800:3000:100 | 经济效益
        visits | 走访服务企业数 | up | 家 | 200:800:20 | 数量
        digital | 推动企业数字化转型数量 | up | 家 | 30:150:10 | 经济效益
        talents | 引进培育高层次人才 | up | 人 | 20:100:5 | 社会效益
        business | 企业满意度 | rate | % | 85,90 | 满意度
        """,
        """
        培育科技创新主体。| 培育高新技术企业和科技企业孵化器。| hightech incubators patents
        优化企业服务。| 按时拨付扶持资金,走访服务企业。| funds visits business
        """,
        """
        科技创新扶持资金项目 | hightech incubators funds
        """,
        units=("科技创新服务中心",),
    )
)

_add(
    sector(
        "reform",
        "发展和改革局",
        "重点项目建设与经济运行",
        (2000, 8000),
        """
        projects | 重点项目年度投资完成率 | rate | % | 95,100 | 经济效益
        prices | 编制价格监测报告 | up | 份 | 24:52:4 | 数量
        grain | 储备粮库存完好率 | eq | % | 100 | 质量
        energy | 重点用能单位节能监察户数 | up | 户 | 10:40:2 | 数量
        pricecheck | 价格认定办结及时率 | eq | % | 100 | 时效
        survey | 开展经济运行调研 | up | 次 | 6:20:1 | 数量
        approve | 项目审批办结时限 | down | 个工作日 | 5,7,10 | 时效
        serve | 企业满意度 | rate | % | 85,90 | 满意度
        """,
        """
        推进重点项目建设。| 加快重点项目投资,压缩审批时限。| projects approve serve
        做好价格监测和粮食储备。| 编制价格监测报告,保障储备粮安全。| prices grain
        """,
        """
        区级储备粮管理项目 | grain
        """,
        units=("价格认证中心",),
    )
)

_add(
    sector(
        "audit",
        "审计局",
        "审计监督全覆盖",
        (1200, 4000),
        """
        projects | 完成审计项目数 | up | 个 | 20:60:2 | 数量
        rectify | 审计发现问题整改率 | rate | % | 85,90 | 社会效益
        ontime | 审计报告按时出具率 | eq | % | 100 | 时效
        saved | 审减政府投资金额 | up | 万元 | 2000:8000:500 | 经济效益
        reports | 报送审计信息专报 | up | 篇 | 10:40:2 | 数量
        train | 审计人员业务培训人次 | up | 人次 | 50:200:10 | 数量
        serve | 被审计单位满意度 | rate | % | 85,90 | 满意度
        """,
        """
        加强审计监督。| 完成年度审计项目,按时出具审计报告。| projects ontime
        推动审计整改。| 督促审计发现问题整改,节约政府投资。| rectify saved
        """,
        """
        政府投资审计项目 | projects saved
        """,
    )
)

_add(
    sector(
        "veterans",
        "退役军人事务局",
        "退役军人服务保障",
        (2000, 9000),
        """
        pension | 优抚对象抚恤补助发放及时率 | eq | % | 100 | 时效
        jobs | 退役军人适应性培训人次 | up | 人次 | 100:500:20 | 数量
        visits | 走访慰问退役军人人次 | up | 人次 | 500:2000:100 | 数量
        graves | 烈士纪念设施维护数量 | up | 处 | 3:15:1 | 数量
        records | 退役军人信息采集率 | rate | % | 95,98 | 质量
        help | 困难退役军人帮扶援助人次 | up | 人次 | 50:300:10 | 社会效益
        serve | 退役军人满意度 | rate | % | 90,95 | 满意度
        """,
        """
        落实优抚政策。| 按时发放优抚对象抚恤补助,开展走访慰问。| pension visits
        促进退役军人就业。| 开展退役军人适应性培训。| jobs serve
        """,
        """
        优抚对象抚恤补助项目 | pension visits
        """,
        units=("退役军人服务中心",),
    )
)

_add(
    sector(
        "insurance",
        "医疗保障局",
        "医疗保障与医保基金监管",
        (3000, 15000),
        """
        insured | 基本医疗保险参保人数 | up | 万人 | 60:150:5 | 社会效益
        inspect | 定点医药机构检查覆盖率 | eq | % | 100 | 质量
        pay | 医保待遇支付及时率 | rate | % | 98,100 | 时效
        fraud | 追回违规使用医保基金 | up | 万元 | 200:900:50 | 经济效益
        online | 医保服务事项网上可办率 | rate | % | 90,95 | 质量
        chronic | 门诊特定病种待遇认定人数 | up | 人 | 1000:5000:200 | 社会效益
        publicity | 医保政策宣传活动 | up | 场 | 20:80:5 | 数量
        serve | 参保群众满意度 | rate | % | 85,90 | 满意度
        """,
        """
        扩大医保覆盖面。| 做好参保扩面,及时支付医保待遇。| insured pay serve
        加强医保基金监管。| 开展定点医药机构检查,追回违规资金。| inspect fraud
        """,
        """
        医保基金监管项目 | inspect fraud
        """,
    )
)

_add(
    sector(
        "archive",
        "档案馆",
        "档案资源建设与利用",
        (800, 2500),
        """
        digital | 档案数字化扫描页数 | up | 万页 | 50:200:10 | 数量
        visitors | 档案查阅接待人次 | up | 人次 | 3000:10000:500 | 社会效益
        receive | 接收进馆档案 | up | 卷 | 2000:8000:500 | 数量
        exhibit | 举办档案展览 | up | 场 | 2:8:1 | 社会效益
        guide | 业务指导机关单位 | up | 家 | 40:120:10 | 数量
        safety | 档案安全事故 | down | 起 | 0 | 质量 | 未发生档案安全事故
        serve | 查档群众满意度 | rate | % | 90,95 | 满意度
        """,
        """
        推进档案数字化。| 完成馆藏档案数字化扫描,确保档案安全。| digital safety
        做好档案利用服务。| 接待档案查阅利用。| visitors serve
        """,
        """
        馆藏档案数字化项目 | digital safety
        """,
    )
)

_add(
    sector(
        "affairs",
        "机关事务管理局",
        "机关运行保障与公共机构节能",
        (3000, 12000),
        """
        energy | 公共机构单位建筑面积能耗下降率 | rate | % | 1,2 | 生态效益
        repair | 办公用房维修面积 | up | 平方米 | 3000:12000:500 | 数量
        cars | 公务用车安全事故 | down | 起 | 0 | 质量 | 未发生公务用车安全事故
        meetings | 会议服务保障场次 | up | 场 | 300:1200:50 | 数量
        assets | 公物仓资产调剂数量 | up | 件 | 200:1000:50 | 经济效益
        water | 公共机构人均用水量下降率 | rate | % | 1,2 | 生态效益
        canteen | 机关食堂就餐满意度 | rate | % | 85,90 | 满意度
        """,
        """
        做好机关运行保障。| 维修办公用房,保障公务用车安全。| repair cars canteen
        推进公共机构节能。| 降低公共机构能耗。| energy
        """,
        """
        机关办公用房维修项目 | repair
        """,
        units=("机关服务中心",),
    )
)

_add(
    sector(
        "petition",
        "信访局",
        "信访工作法治化",
        (600, 2000),
        """
        ontime | 信访事项按期办结率 | rate | % | 95,98 | 时效
        resolve | 初信初访化解率 | rate | % | 85,90 | 社会效益
        visits | 领导接访下访次数 | up | 次 | 50:150:10 | 数量
        online | 网上信访事项受理率 | rate | % | 95,98 | 时效
        review | 信访事项复查复核办结率 | rate | % | 90,95 | 质量
        backlog | 信访积案化解数量 | up | 件 | 20:80:5 | 社会效益
        serve | 信访群众满意度 | rate | % | 85,90 | 满意度
        """,
        """
        推进信访工作法治化。| 按期办结信访事项,化解初信初访。| ontime resolve
        畅通群众诉求渠道。| 开展领导接访下访。| visits serve
        """,
        """
        信访维稳工作项目 | ontime resolve
        """,
    )
)

_add(
    sector(
        "disabled",
        "残疾人联合会",
        "残疾人康复与就业服务",
        (1500, 6000),
        """
        rehab | 残疾人康复服务人次 | up | 人次 | 800:2500:100 | 数量
        devices | 辅助器具适配人数 | up | 人 | 150:600:50 | 数量
        subsidy | 残疾人生活和护理补贴发放及时率 | eq | % | 100 | 时效
        jobs | 残疾人就业培训人次 | up | 人次 | 100:400:20 | 社会效益
        homes | 残疾人家庭无障碍改造户数 | up | 户 | 50:200:10 | 数量
        kids | 残疾儿童康复救助人数 | up | 人 | 50:200:10 | 社会效益
        serve | 残疾人满意度 | rate | % | 90,95 | 满意度
        """,
        """
        做好残疾人康复服务。| 提供康复服务和辅助器具适配。| rehab devices
        保障残疾人权益。| 按时发放两项补贴,开展就业培训。| subsidy jobs serve
        """,
        """
        残疾人康复服务项目 | rehab devices
        """,
    )
)

_add(
    sector(
        "agri",
        "农业农村局",
        "农业安全生产与乡村振兴",
        (4000, 20000),
        """
        immune | 动物强制免疫应免密度 | rate | % | 90,95 | 质量
        produce | 农产品质量安全抽检合格率 | rate | % | 97,98 | 质量
        farmland | 建设高标准农田面积 | up | 亩 | 300:2000:100 | 数量
        training | 农民技能培训人次 | up | 人次 | 500:2000:100 | 数量
        seeds | 良种推广面积 | up | 亩 | 1000:5000:200 | 数量
        pests | 农作物病虫害统防统治覆盖率 | rate | % | 40,45,50 | 质量
        income | 带动农户增收户数 | up | 户 | 200:1000:50 | 经济效益
        farmer | 受益农户满意度 | rate | % | 85,90 | 满意度
        """,
        """
        保障农产品质量安全。| 开展动物强制免疫和农产品抽检。| immune produce
        推进乡村振兴。| 建设高标准农田,开展农民技能培训,带动农户增收。| farmland training income farmer
        """,
        """
        高标准农田建设项目 | farmland income
        动物防疫项目 | immune
        """,
        units=("农业技术推广中心", "动物防疫监督所"),
    )
)

_add(
    sector(
        "street",
        "街道办事处",
        "基层治理与为民服务",
        (6000, 20000),
        """
        grid | 社区网格巡查次数 | up | 次 | 5000:20000:500 | 数量
        sort | 生活垃圾分类覆盖率 | eq | % | 100 | 生态效益
        rental | 出租屋巡查登记户数 | up | 户 | 3000:12000:500 | 数量
        hazards | 安全隐患整改率 | rate | % | 95,98 | 质量
        meals | 长者饭堂服务人次 | up | 人次 | 20000:80000:2000 | 社会效益
        events | 开展社区文体活动 | up | 场 | 50:200:10 | 数量
        fire | 较大火灾事故 | down | 起 | 0 | 社会效益 | 未发生较大火灾事故
        resident | 居民满意度 | rate | % | 85,90,95 | 满意度
        """,
        """
        加强基层社会治理。| 开展社区网格巡查和出租屋登记,整改安全隐患。| grid rental hazards fire
        提升为民服务水平。| 办好长者饭堂,开展社区文体活动。| meals events resident
        推进垃圾分类。| 实现生活垃圾分类全覆盖。| sort
        """,
        """
        社区网格化服务管理项目 | grid rental
        长者饭堂运营补助项目 | meals
        """,
        units=("综合事务中心",),
    )
)

_add(
    sector(
        "town",
        "镇人民政府",
        "乡村振兴与基层治理",
        (5000, 18000),
        """
        roads | 农村公路养护里程 | up | 公里 | 30:150:5 | 数量
        sort | 农村生活垃圾收运处理率 | rate | % | 95,100 | 生态效益
        houses | 农村危房改造户数 | up | 户 | 10:60:2 | 数量
        hazards | 安全隐患整改率 | rate | % | 95,98 | 质量
        income | 村集体经济收入增长率 | rate | % | 3,5,8 | 经济效益
        fire | 较大安全生产事故 | down | 起 | 0 | 社会效益 | 未发生较大安全生产事故
        resident | 群众满意度 | rate | % | 85,90 | 满意度
        """,
        """
        推进乡村振兴。| 养护农村公路,改造农村危房,壮大村集体经济。| roads houses income
        改善人居环境。| 做好农村生活垃圾收运处理。| sort resident
        加强安全生产。| 整改安全隐患,防范较大事故。| hazards fire
        """,
        """
        农村公路养护项目 | roads
        农村人居环境整治项目 | sort houses
        """,
        units=("农业农村服务中心", "公共服务中心", "clinic:{place}镇卫生院"),
    )
)

# The first-level departments of a district, in the order a budget book lists them; streets or
# towns follow.
DEPARTMENTS = (
    "gov",
    "edu",
    "health",
    "civil",
    "hr",
    "housing",
    "city",
    "culture",
    "water",
    "market",
    "justice",
    "emergency",
    "tech",
    "reform",
    "audit",
    "veterans",
    "insurance",
    "archive",
    "affairs",
    "petition",
    "disabled",
    "agri",
)

PROBLEMS = (
    "个别项目预算执行偏低,预算管理水平有待提高。",
    "过程管理质量不高,精细化管理水平有待提高。",
    "目标设置不够科学合理,绩效管理意识有待进一步加强。",
    "部分绩效指标设置不够细化、量化,可衡量性不强。",
    "绩效自评佐证材料收集不够及时、完整。",
    "部分项目前期论证不够充分,实施进度滞后。",
    "资金支出进度不均衡,年底支出较为集中。",
)
IMPROVEMENTS = (
    "强化绩效管理意识,提高预算管理能力。",
    "及时查漏补缺,强化内控管理。",
    "提升目标设置的全面性和有效性,确保绩效目标可用可评。",
    "加强预算执行监控,按月通报支出进度。",
    "完善绩效自评佐证材料的收集和归档制度。",
    "加强项目前期论证,科学合理编制预算。",
    "加强绩效评价结果应用,将评价结果与下年度预算安排挂钩。",
)
NOTES = (
    "每个部门至少开展一个重点项目绩效评价。重点项目是指预算金额500万元以上项目;如果部门没500万元以上项目,则根据部门职能自选一个重点项目。",
    "各业务主管部门应以一级预算部门为单位,汇总下属单位信息后,由一级预算部门汇总报送。",
)
DEVIATIONS = (
    "受项目实施进度影响,部分工作未能按计划完成,下一步将加快推进。",
    "受外部因素影响,实际完成数量低于年初目标,已调整工作计划。",
    "年初目标设定偏高,下年度将结合实际科学设定目标值。",
    "部分采购执行进度偏慢,下一步将加强采购计划管理。",
)
