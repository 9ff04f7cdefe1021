"""What the API reads and writes. The form itself is FORMAT.md JSON (``jixiao.core.form.Form``)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

from jixiao.core import form as core
from jixiao.web.forms.models import Form

STATUS_CODES = tuple(code for code, _label in Form.STATUSES)
Status = Literal[STATUS_CODES]  # type: ignore[valid-type]  # the model's statuses, whatever they become
MAX_ID = 2**63 - 1


def _storable(text: str) -> str:
    if "\x00" in text:
        raise ValueError("不能含有空字符(\\u0000)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("含有无法保存的字符") from exc
    return text


Text = Annotated[str, AfterValidator(_storable)]
Key = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_storable)]


class Error(Schema):
    detail: str = Field(description="出错原因(中文,可直接展示给用户)")
    errors: list[str] = Field(default_factory=list, description="逐项原因(格式问题的位置等)")


class Organisation(Schema):
    id: int
    name: str
    kind: str
    region: str = Field(description="行政区划代码")


class FormInfo(Schema):
    """A form's place, state and check counts (everything but its content)."""

    id: int
    organisation: Organisation
    department: Organisation | None = Field(description="所属一级预算部门")
    year: int
    kind: str
    status: str = Field(description="状态代码:" + "、".join(f"{c}={label}" for c, label in Form.STATUSES))
    status_label: str
    summary: bool
    rollup: bool = Field(description="是否为系统生成的部门汇总表")
    revision: int = Field(description="版本号:内容每改一次加一;ETag 由它、状态与抽查复核得出")
    etag: str = Field(description="用于 If-Match 请求头的值")
    check_summary: dict[str, Any] = Field(description="最近一次检查的问题数:error、warning、info")
    submitted_at: datetime.datetime | None
    spot_check_score: str | None = Field(
        description="财政抽查复核得分(与自评得分 form.total_score 并列,不覆盖)"
    )
    spot_check_comment: str = ""
    updated_at: datetime.datetime


class FormOut(FormInfo):
    """A form with its content in FORMAT.md JSON."""

    form: core.Form = Field(description="自评表内容(FORMAT.md,jixiao.self-evaluation/1)")


class FormPage(Schema):
    count: int = Field(description="符合条件的表数")
    page: int
    page_size: int
    pages: int
    items: list[FormInfo]


class FormCreate(Schema):
    organisation: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="填报单位 id;填报人只有一个单位时可省略"
    )
    year: int = Field(ge=1990, le=2100, description="被评价年度(须为开放填报的年度)")
    form: core.Form = Field(description="自评表内容(FORMAT.md)")


class Submit(Schema):
    explanations: dict[Key, Annotated[Text, Field(max_length=5000)]] = Field(
        default_factory=dict, description="每条警告的说明,键为“检查代码@位置”(见检查结果)"
    )


class Return(Schema):
    comment: Text = Field(min_length=1, max_length=5000, description="退回意见(必填)")
    field_comments: dict[Key, Annotated[Text, Field(max_length=5000)]] = Field(
        default_factory=dict, description="逐项意见,键为 FORMAT.md 位置,如 funds.execution_rate"
    )


class SpotCheck(Schema):
    score: str = Field(pattern=r"^[0-9]{1,3}(\.[0-9]{1,2})?$", description='抽查复核得分,0–100,如 "88.5"')
    comment: Text = Field(default="", max_length=5000, description="抽查复核意见")


class SummaryCreate(Schema):
    department: int = Field(ge=1, le=MAX_ID, description="一级预算部门 id")
    year: int = Field(ge=1990, le=2100)


class Report(Schema):
    """The check report of ``jixiao check`` (README: 检查结果 JSON)."""

    computed: dict[str, Any]
    reported: dict[str, Any]
    not_applicable: dict[str, Any]
    counts: dict[str, int]
    findings: list[dict[str, Any]]
    indicators: list[dict[str, Any]]


class AuditEntry(Schema):
    """One line of the form's audit log: who, when, what, before and after."""

    at: datetime.datetime
    actor: str
    actor_role: str
    actor_organisation: str
    action: str
    action_label: str
    status_before: str
    status_after: str
    comment: str
    before: dict[str, Any]
    after: dict[str, Any]


class ImportOut(FormOut):
    review: int = Field(description="导入时需要人工核对的格子数")
    message: str
    job: int = Field(description="导入记录 id(替换时原内容保存在导入记录中)")
