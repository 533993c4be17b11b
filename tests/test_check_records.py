"""``dvcli check`` on assignment and report files: every rule's exact message, all listed together."""

from __future__ import annotations

from pathlib import Path

import pytest

from foundation_support import Workspace

A = "data/assignments/bui-thuy/III.4_2021-09-13.yaml"
R = "data/reports/2021/W38/bui-thuy.yaml"
AD = "data/reports/2021/W39/dot-xuat/2021-10-02-cao-hong-hung-tinh-hinh-nguoi-lao-dong-tu-tp-ho-chi-minh-va-cac-tinh-phia.yaml"

CASES = [
    (A, "- mien-trung", "- mien-bac", "- mien-bac", 'areas[0]: không có "mien-bac" trong vocabulary.areas của kế hoạch',
     "dùng một mã trong data/plan.yaml, mục vocabulary.areas"),
    (A, "start: 2021-09-13", "start: 2021-09-13\nend: 2021-09-01", "end: 2021-09-01",
     "end: ngày kết thúc 2021-09-01 trước ngày bắt đầu 2021-09-13", "sửa end cho sau start, hoặc bỏ end"),
    (R, "member: bui-thuy", "member: cao-hong-hung", "member: cao-hong-hung",
     "member: tệp của bui-thuy nhưng member là cao-hong-hung", "sửa member, hoặc đổi tên tệp thành cao-hong-hung.yaml"),
    (R, "period: 2021-W38", "period: 2021-W37", "period: 2021-W37",
     "period: tệp nằm trong thư mục kỳ 2021-W38 nhưng period là 2021-W37",
     "sửa period, hoặc chuyển tệp sang thư mục của kỳ 2021-W37"),
    (R, "  chuyen-cong-tac: 1", "  chuyen-cong-tac: 1.5", "chuyen-cong-tac: 1.5",
     'indicators.chuyen-cong-tac: chỉ tiêu "chuyen-cong-tac" phải là số nguyên, không phải 1.5',
     "viết số nguyên không có dấu chấm hay phẩy ngăn cách, ví dụ 1500000"),
    (R, "  chuyen-cong-tac: 1", "  chuyen-cong-tac: 1\n  so-ca-f0: 3", "so-ca-f0: 3",
     'indicators.so-ca-f0: kế hoạch không có chỉ tiêu "so-ca-f0"',
     "các chỉ tiêu: to-covid-cong-dong, to-covid-dang-hoat-dong, ho-duoc-ho-tro, nguoi-duoc-ho-tro, tien-van-dong, "
     "hang-hoa-quy-doi, tinh-nguyen-vien, f0-khoi-tham-gia, mo-hinh-de-xuat, chuyen-cong-tac, van-ban-chi-dao, "
     "y-kien-phan-anh"),
    (R, "- task: III.4", "- task: IV.1", "- task: IV.1", 'results[0].task: kế hoạch không có mục "IV.1"',
     "dùng một nhiệm vụ: II.1, II.2, II.3, II.4, III.3, III.4"),
    (R, "  area: mien-trung", "  area: quang-nam", "area: quang-nam",
     'models[0].area: không có "quang-nam" trong vocabulary.areas của kế hoạch',
     "dùng một mã trong data/plan.yaml, mục vocabulary.areas"),
    (AD, "title: Tình hình người lao động từ TP. Hồ Chí Minh và các tỉnh phía Nam về quê\n", "", "^date:",
     "title: báo cáo đột xuất thiếu tiêu đề (title)", "thêm title: nội dung chính của báo cáo đột xuất"),
    (AD, "date: 2021-10-02", "date: 2021-10-01", "date: 2021-10-01",
     "date: tên tệp không khớp ngày 2021-10-01 và thành viên cao-hong-hung",
     "đặt tệp ở data/reports/2021/W39/dot-xuat/2021-10-01-cao-hong-hung-TIEU-DE.yaml"),
]


@pytest.mark.parametrize(("file", "old", "new", "needle", "message", "hint"), CASES,
                         ids=[case[4].split(":")[0] + "-" + str(index) for index, case in enumerate(CASES)])
def test_each_rule(full_workspace: Workspace, file: str, old: str, new: str, needle: str, message: str, hint: str) -> None:
    full_workspace.edit(file, old, new)
    result = full_workspace.run("check")
    assert result.exit_code == 1
    line = full_workspace.line(file, needle) if needle != "^date:" else None
    where = f"{file}:{line}" if line else file
    if needle == "^date:":  # a missing field points at the mapping: accept the line dvcli chose
        assert result.stderr.startswith(f"{file}:") and f": {message}\n  gợi ý: {hint}\n" in result.stderr
    else:
        assert result.stderr == f"{where}: {message}\n  gợi ý: {hint}\n"
    assert result.stdout == "Có 1 lỗi.\n"


def test_every_problem_is_listed(full_workspace: Workspace) -> None:
    full_workspace.edit(A, "task: III.4", "task: III.2")
    full_workspace.edit(R, "period: 2021-W38", "period: 2021-W99")
    full_workspace.write({"data/reports/2021/bao-cao.yaml": "member: bui-thuy\n",
                     "data/reports/2021/W38/vy-tu-lieu.yaml": "member: [\n"})
    result = full_workspace.run("check")
    assert result.exit_code == 1
    assert result.stdout == "Có 6 lỗi.\n"
    assert "data/reports/2021/bao-cao.yaml: tệp báo cáo nằm sai chỗ\n" in result.stderr
    assert "data/reports/2021/W38/bui-thuy.yaml:2: period: năm 2021 không có tuần 99\n" in result.stderr
    assert "data/reports/2021/W38/vy-tu-lieu.yaml:2: lỗi cú pháp YAML" in result.stderr


def test_period_outside_the_plan(full_workspace: Workspace) -> None:
    full_workspace.write({"data/reports/2020/W10/bui-thuy.yaml":
                     full_workspace.text(R).replace("period: 2021-W38", "period: 2020-W10")})
    result = full_workspace.run("check")
    assert result.stderr == ("data/reports/2020/W10/bui-thuy.yaml:2: period: kỳ 2020-W10 nằm ngoài thời gian của "
                             "kế hoạch (từ 2021-09-13)\n  gợi ý: kiểm tra lại năm và số tuần\n")


def test_example_data_checks_clean(full_workspace: Workspace) -> None:
    result = full_workspace.run("check", "--format", "json")
    assert result.exit_code == 0
    assert '"assignments": 13' in result.stdout and '"reports": 29' in result.stdout


def test_assignment_member_task_and_path(full_workspace: Workspace) -> None:
    text = full_workspace.text(A)
    full_workspace.write({"data/assignments/bui-thuy-2/III.4_2021-09-13.yaml": text.replace("member: bui-thuy",
                                                                                       "member: bui-thuy-2"),
                     "data/assignments/bui-thuy/III.2_2021-09-13.yaml": text.replace("task: III.4", "task: III.2"),
                     "data/assignments/bui-thuy/III.4_2021-09-20.yaml": text})
    result = full_workspace.run("check")
    assert result.stdout == "Có 3 lỗi.\n"
    assert result.stderr == (
        "data/assignments/bui-thuy/III.2_2021-09-13.yaml:4: task: mục III.2 không phải nhiệm vụ được phân công\n"
        "  gợi ý: dùng một nhiệm vụ: II.1, II.2, II.3, II.4, III.3, III.4\n"
        "data/assignments/bui-thuy/III.4_2021-09-20.yaml:3: member: tên tệp không khớp nội dung: phải là "
        "data/assignments/bui-thuy/III.4_2021-09-13.yaml\n"
        "  gợi ý: đổi tên tệp (git mv) cho khớp member, task và start trong tệp\n"
        "data/assignments/bui-thuy-2/III.4_2021-09-13.yaml:3: member: không có thành viên \"bui-thuy-2\"\n"
        "  gợi ý: dùng id trong data/members.yaml (xem: dvcli members list)\n")


# --- check lists each week in its own task (issue 6) ----------------------------------------

STRAYS = ["data/reports/ghi-chu.yaml", "data/reports/2021/bao-cao.yaml", "data/reports/nhap/2021/W38/a.yaml",
          "data/reports/2021/tam/W38/b.yaml", "data/reports/2021/W38/cu/bui-thuy.yaml",
          "data/reports/2021/W39/dot-xuat/cu/c.yaml", "data/reports/2021/W9/d.yaml"]


def _with_strays(workspace: Workspace) -> None:
    workspace.write({name: "member: bui-thuy\n" for name in STRAYS})
    workspace.write({"data/reports/2021/W38/.an.yaml": "x: 1\n", "data/reports/2021/W38/ghi-chu.txt": "x\n",
                     "data/reports/2021/W38/vy-tu-lieu.yaml": "member: [\n"})


def test_the_week_split_finds_every_file_that_is_no_report(full_workspace: Workspace) -> None:
    """The listing rule, week by week: misplaced YAML, a hidden name, another extension — each named once."""
    from dvcli import snapshot
    from dvcli.workspace import Workspace as Ws

    _with_strays(full_workspace)
    ws = Ws(full_workspace.root)
    weeks, strays = snapshot.report_weeks(ws)
    reports = []
    for week in weeks:
        found, more = week.listing()
        reports += found
        strays += more
    assert reports == snapshot.report_files(ws)
    assert ws.rel(full_workspace.root / "data/reports/2021/W38/vy-tu-lieu.yaml") in {ws.rel(r.path) for r in reports}
    named = sorted((ws.rel(Path(stray.path)), stray.reason) for stray in strays)
    assert named == sorted([(name, "misplaced-report") for name in STRAYS]
                           + [("data/reports/2021/W38/.an.yaml", "hidden"),
                              ("data/reports/2021/W38/ghi-chu.txt", "not-yaml")])


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_in_workers_lists_the_same_problems(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch,
                                                  jobs: str) -> None:
    from dvcli import parallel

    _with_strays(full_workspace)
    monkeypatch.setattr(parallel, "MIN_FILES", 0)  # fork even for the example's few files
    monkeypatch.setenv("DVCLI_JOBS", jobs)
    result = full_workspace.run("check")
    assert result.exit_code == 1
    strays = [*STRAYS, "data/reports/2021/W38/.an.yaml", "data/reports/2021/W38/ghi-chu.txt"]
    assert result.stdout == f"Có {len(strays) + 1} lỗi.\n"
    shown = [line.split(": ", 1)[0] for line in result.stderr.splitlines() if not line.startswith("  ")]
    assert shown == ["data/reports/2021/W38/vy-tu-lieu.yaml:2", *sorted(strays, key=lambda name: name.split("/"))]
    # only clean verdicts are cached for reports and assignments, not their records
    cache = sorted(path.name for path in (full_workspace.root / ".dvcli" / "cache").iterdir())
    assert "data_reports_2021_W38.ok" in cache and "data_assignments.ok" in cache
    assert [name for name in cache if name.endswith(".rec")] == ["data.rec"]
    again = full_workspace.run("check")
    assert (again.stdout, again.stderr) == (result.stdout, result.stderr)
