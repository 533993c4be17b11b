"""The consolidated report as data: totals and cumulative sums against hand-computed values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from consolidate_support import make
from dvcli import consolidation, periods
from dvcli.services import consolidate as service
from dvcli.services import open_store


def compute(tmp_path: Path, week: str = "2021-W38", month: str | None = None) -> consolidation.ConsolidatedReport:
    ws = make(tmp_path)
    store = open_store(str(ws.root))
    inputs = service.load_inputs(store)
    request = service.Request(week=None if month else week, month=month)
    period, kind = service.choose_period(request, inputs.plan, periods.parse_date("2021-09-28"))
    return consolidation.consolidate(inputs.plan, inputs.roster, inputs.reports, inputs.assignments, period, kind)


def totals(report: consolidation.ConsolidatedReport) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    return {t.id: (t.period, t.cumulative) for t in report.indicators}


def test_week_totals_and_cumulative_by_hand(tmp_path: Path) -> None:
    got = totals(compute(tmp_path))
    assert got["to-covid-cong-dong"] == (Decimal(28), Decimal(70))  # sum: 8+20 ; 12+30+8+20
    assert got["to-covid-dang-hoat-dong"] == (Decimal(155), Decimal(155))  # last per member: 45+110
    assert got["ho-duoc-ho-tro"] == (Decimal(1350), Decimal(3850))  # ad-hoc 40 not counted
    assert got["tien-van-dong"] == (Decimal(734567), Decimal(1500734567))
    assert got["hang-hoa-quy-doi"] == (Decimal("9.25"), Decimal("38.80"))  # 9.05+0.2 ; +10.25+19.3
    assert got["tinh-nguyen-vien"] == (Decimal(1830), Decimal(1880))  # max per member: 300+1500+80
    assert got["y-kien-phan-anh"] == (Decimal(12), Decimal(12))
    assert got["nguoi-duoc-ho-tro"] == (None, None)


def test_first_week_cumulative_equals_period(tmp_path: Path) -> None:
    got = totals(compute(tmp_path, "2021-W37"))
    assert got["to-covid-cong-dong"] == (Decimal(42), Decimal(42))
    assert got["tinh-nguyen-vien"] == (Decimal(1500), Decimal(1500))


def test_month_by_cut_off_takes_weeks_ending_in_it(tmp_path: Path) -> None:
    report = compute(tmp_path, month="2021-10")  # 15/9 .. 14/10: W37..W40
    assert (report.period.start.isoformat(), report.period.end.isoformat()) == ("2021-09-15", "2021-10-14")
    assert [w.period.label for w in report.submission.weeks] == ["2021-W37", "2021-W38", "2021-W39", "2021-W40"]
    assert totals(report)["to-covid-cong-dong"] == (Decimal(70), Decimal(70))
    assert totals(report)["tinh-nguyen-vien"] == (Decimal(1880), Decimal(1880))


def test_groupings(tmp_path: Path) -> None:
    report = compute(tmp_path)
    assert [g.id for g in report.by_task] == ["II.2", "II.3", "II.4", "III.4"]
    assert [g.label for g in report.by_area] == ["Hà Nội", "Thành phố Hồ Chí Minh", "Các tỉnh, thành phía Nam",
                                                 "Miền Trung", "Tây Nguyên", "Không ghi địa bàn"]
    # bui-thuy's III.4 result has no area: it takes the areas of her III.4 assignment
    bui = next(e for e in report.by_task[-1].entries if e.member_id == "bui-thuy")
    assert bui.areas == ["Miền Trung", "Tây Nguyên"]
    assert [(p.to, len(p.items)) for p in report.proposals] == [("Ủy ban nhân dân thành phố Hà Nội", 2),
                                                                ("Bộ Giao thông vận tải", 1)]
    shared = report.difficulties[0]
    assert shared.members == ["Nguyễn Minh Đức", "Cao Hồng Hưng"]
    assert [m.name for m in report.models] == ["Tổ Covid cộng đồng", "ATM gạo"]
    assert len(report.reports) == 4 and sum(1 for r in report.reports if r.ad_hoc) == 1


def test_submission_follows_assignments_and_deadline(tmp_path: Path) -> None:
    sub = compute(tmp_path).submission
    assert (sub.expected, sub.received, sub.late, sub.missing) == (3, 3, 1, 0)
    assert sub.weeks[0].late == ["Cao Hồng Hưng"]


@pytest.mark.parametrize(("profile", "expected"), [
    ("dang", ["- A (để b/c),", "- B,", "- Lưu VT."]),
    ("nha-nuoc", ["- A (để b/c);", "- B;", "- Lưu: VT."]),
])
def test_recipient_lines(profile: str, expected: list[str]) -> None:
    assert consolidation.recipient_lines(profile, ["A (để b/c)", "B", "Lưu VT"]) == expected


def test_number_lines() -> None:
    assert consolidation.number_line("dang", 25, "BC", "BDVTW") == "Số 25-BC/BDVTW"
    assert consolidation.number_line("nha-nuoc", 5, "BC", "UBND") == "Số: 05/BC-UBND"


def test_a_model_reported_many_times_is_merged_once_with_each_reporter_once(tmp_path: Path) -> None:
    """Same name and place in any spelling: the first wording and area, the first description
    given, proposed for replication when any report proposes it, every reporter once in order."""
    import datetime as dt

    from dvcli.consolidation.compute import _models
    from dvcli.consolidation.vocabulary import _Vocabulary
    from dvcli.model import Model, Report

    plan = service.load_inputs(open_store(str(make(tmp_path).root))).plan
    moment = dt.datetime(2021, 9, 20, 9, 0)
    names = {"a": "Anh", "b": "Bình", "c": "Chi"}
    rows = [("a", "Bếp cơm 0 đồng", "Gò Vấp", "", False), ("b", "BẾP CƠM 0 ĐỒNG", "go vap", "Nấu cơm.", True),
            ("a", "Bep com 0 dong", "Gò Vấp", "Khác.", False), ("c", "Tổ COVID", "Huế", "", False)] * 300
    chosen = [(f"r{n}", Report(member=member, submitted=moment,
                               models=[Model(name=name, place=place, description=text, replicate=copy)]))
              for n, (member, name, place, text, copy) in enumerate(rows)]
    found = _models(chosen, names, _Vocabulary(plan))
    assert [(m.name, m.place, m.description, m.replicate, m.reporters) for m in found] == [
        ("Bếp cơm 0 đồng", "Gò Vấp", "Nấu cơm.", True, ["Anh", "Bình"]), ("Tổ COVID", "Huế", "", False, ["Chi"])]
