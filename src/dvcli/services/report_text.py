"""What a report file looks like: the pre-filled skeleton a member edits, and the stored text.

The skeleton carries Vietnamese guidance comments, one result per active assignment and every
plan indicator at 0. The stored (canonical) text puts identity and ``submitted`` first, since
``status`` reads those lines without parsing YAML; prose is written as literal blocks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import yamlio
from ..i18n import _
from ..model import Report
from ..periods import due
from ..store import Store
from . import assign as assignments

if TYPE_CHECKING:
    from .report import Target


def skeleton(store: Store, tgt: Target) -> str:
    """The pre-filled draft: identity, one result per active assignment, every indicator at 0."""
    plan = store.plan()
    regime = plan.reporting
    start, end = (tgt.period.start, tgt.period.end) if tgt.period else (tgt.date, tgt.date)
    assert start is not None and end is not None
    active = assignments.active_for(assignments.load_all(store), tgt.member.id, start, end)
    lines = []
    if tgt.period is not None:
        deadline = due(tgt.period, regime)
        lines += [_("# BÁO CÁO TUẦN {p} ({d})").format(p=tgt.period.label, d=tgt.period.describe()),
                  _("# Thành viên: {n} — {pos}").format(n=tgt.member.name, pos=tgt.member.position),
                  _("# Hạn nộp: {t} ngày {d}.").format(t=deadline.strftime("%H:%M"), d=deadline.strftime("%d/%m/%Y"))]
    else:
        lines += [_("# BÁO CÁO ĐỘT XUẤT ngày {d}").format(d=tgt.date.strftime("%d/%m/%Y") if tgt.date else ""),
                  _("# Thành viên: {n} — {pos}").format(n=tgt.member.name, pos=tgt.member.position)]
    lines += [
        "#",
        _("# Cách điền: dòng bắt đầu bằng \"#\" là hướng dẫn, dvcli bỏ qua. Viết văn bản ở dòng dưới dấu \"|\","),
        _("# thụt vào như dòng trống mẫu; để một dòng trống giữa hai đoạn. Lưu tệp và đóng trình soạn thảo"),
        _("# để nộp; xoá hết nội dung rồi lưu để huỷ."),
        f"member: {tgt.member.id}",
    ]
    if tgt.period is not None:
        lines.append(f"period: {tgt.period.label}")
    else:
        lines.append(yamlio.dumps({"date": tgt.date, "title": tgt.title}).rstrip("\n"))
    lines += [
        _("# submitted (thời điểm nộp): dvcli tự ghi khi lưu. Nhập hộ báo cáo đến muộn thì ghi giờ nhận thật:"),
        "# submitted: 2021-09-27 14:30",
        "",
        _("# I. TÌNH HÌNH NHÂN DÂN"),
        "situation:",
        _("  # Tình hình chung của nhân dân trên địa bàn, trong đối tượng được phân công."),
        "  overview: |",
        "    ",
        "",
        _("  # Tâm tư, nguyện vọng của nhân dân."),
        "  thoughts: |",
        "    ",
        "",
        _("# II. KẾT QUẢ THỰC HIỆN — mỗi nhiệm vụ được phân công một mục; viết kết quả dưới \"text: |\"."),
    ]
    if active:
        lines.append("results:")
        for record in active:
            item = plan.item(record.task)
            lines.append(f"  # {record.task} — {item.short if item and item.short else ''}")
            lines.append(f"  - task: {record.task}")
            for kind in ("subjects", "fields", "areas"):
                values = getattr(record, kind)
                if values:
                    lines.append(f"    {kind}: [{', '.join(values)}]")
            lines += ["    text: |", "      ", ""]
    else:
        lines += [_("# Chưa có phân công nào đang hiệu lực; thêm kết quả theo mẫu:"),
                  "#  - task: II.2", "#    text: |", _("#      Nội dung kết quả ..."), "results:", ""]
    lines += [
        _("# Mô hình hiệu quả — mỗi mô hình một mục; replicate: true nếu đề xuất nhân rộng. Ví dụ:"),
        _("#  - name: Tổ COVID cộng đồng khu phố 3"),
        _("#    place: Phường Linh Trung, thành phố Thủ Đức, TP. Hồ Chí Minh"),
        "#    area: tp-ho-chi-minh",
        "#    description: |",
        _("#      Cách làm, kết quả, vì sao hiệu quả."),
        "#    replicate: true",
        "models:",
        "",
        _("# III. KHÓ KHĂN, VƯỚNG MẮC — mỗi ý một dòng bắt đầu bằng \"- \", thụt vào 2 dấu cách. Ví dụ:"),
        _("#  - Nguồn hỗ trợ chưa đến kịp các hộ ở khu phong tỏa."),
        "difficulties:",
        "",
        _("# Nguyên nhân của hạn chế, khó khăn (nếu có) — mỗi ý một dòng bắt đầu bằng \"- \". Ví dụ:"),
        _("#  - Danh sách hỗ trợ lập theo nơi cư trú nên bỏ sót người ở trọ."),
        "causes:",
        "",
        _("# IV. KIẾN NGHỊ, ĐỀ XUẤT — to: cơ quan nhận; text: nội dung. Ví dụ:"),
        _("#  - to: Bộ Y tế"),
        _("#    text: Sớm phân bổ thêm vắc-xin cho các tỉnh Tây Nguyên."),
        "proposals:",
        "",
        *_previous_tasks(store, tgt),
        _("# V. NHIỆM VỤ KỲ TỚI — mỗi việc một dòng bắt đầu bằng \"- \"."),
        "next_tasks:",
        "",
        _("# VI. SỐ LIỆU — số nguyên viết liền, không dấu ngăn cách (tiền ghi bằng đồng: 150000000);"),
        _("# số thập phân dùng dấu chấm (2.5). Để 0 nếu không có."),
        "indicators:",
    ]
    width = max((len(indicator.id) for indicator in regime.indicators), default=0)
    for indicator in regime.indicators:
        kind = _("số thập phân") if indicator.type == "decimal" else _("số nguyên")
        lines.append(f"  {indicator.id}: 0{' ' * (width - len(indicator.id))}  # {indicator.label} "
                     f"({indicator.unit}; {kind})")
    return "\n".join(lines) + "\n"


def _number(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value  # a Decimal keeps every digit


def canonical(report: Report) -> str:
    """The stored text: identity and submitted first (``status`` reads them), prose as blocks."""
    data: dict[str, Any] = {"member": report.member}
    if report.period is not None:
        data["period"] = report.period
    if report.date is not None:
        data["date"] = report.date
    data["submitted"] = report.submitted
    if report.title:
        data["title"] = report.title
    if report.revised is not None:  # optional: files never edited stay byte-identical
        data["revised"] = report.revised
    if report.nothing_to_report:
        data["nothing_to_report"] = True
    data["situation"] = dataclasses.asdict(report.situation)
    data["results"] = [{key: getattr(result, key) for key in ("task", "subjects", "fields", "areas", "text")
                        if getattr(result, key) != []} for result in report.results]
    data["models"] = [{key: value for key, value in dataclasses.asdict(model).items() if value is not None}
                      for model in report.models]
    data["difficulties"] = list(report.difficulties)
    if report.causes:  # optional: files written before the field existed stay byte-identical
        data["causes"] = list(report.causes)
    data["proposals"] = [dataclasses.asdict(proposal) for proposal in report.proposals]
    if report.previous_tasks:  # optional, as causes
        data["previous_tasks"] = [dataclasses.asdict(task) for task in report.previous_tasks]
    data["next_tasks"] = list(report.next_tasks)
    data["indicators"] = {key: _number(value) for key, value in report.indicators.items()}
    if report.received is not None:  # provenance last: status reads the first lines only
        data["received"] = {key: value for key, value in dataclasses.asdict(report.received).items()
                            if value not in (None, [], "", False)}
    return yamlio.dumps(data)


def _previous_tasks(store: Store, tgt: Target) -> list[str]:
    """Last week's "Nhiệm vụ kỳ tới" of this member, as items to mark done, carried or dropped."""
    if tgt.period is None:
        return []
    from ..model import Report
    from ..periods import week_of

    before = week_of(tgt.period.start - dt.timedelta(days=1), store.plan().reporting)
    path = store.ws.report_path(before.year, before.week, tgt.member.id)
    if not path.is_file():
        return []
    loaded = store.read(path, Report)
    if loaded.record is None or not loaded.record.next_tasks:
        return []  # a broken last report is check's to name, not a reason to refuse this one
    items = [{"text": text, "outcome": "carried"} for text in loaded.record.next_tasks]
    listed = yamlio.dumps({"previous_tasks": items}).rstrip("\n").split("\n")
    return [_("# NHIỆM VỤ KỲ TRƯỚC (ghi ở báo cáo {p}) — ghi kết quả từng việc vào outcome: done (đã làm xong),").format(
                p=before.label),
            _("# carried (chuyển sang kỳ này), dropped (thôi, không làm nữa)."),
            *listed, ""]
