"""The editable draft (issue 15 part 1): ``consolidate --draft``, ``draft edit``, rendering and issuing
from the draft, a re-draft after a new report that keeps the secretary's edits, stale figures in ``check``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from consolidate_support import git, make

DATE = ["--date", "2021-09-28"]
DRAFT = "data/drafts/tong-hop-tuan-2021-W38.yaml"
EDITED = "Toàn thể cán bộ, người dân Hà Nội đồng tình với việc nới lỏng."


def editor(tmp_path: Path, old: str, new: str) -> str:
    """A $VISUAL that replaces ``old`` by ``new`` in the file it is given (what a person would do)."""
    script = tmp_path / "sua.py"
    script.write_text(f"import sys\np = sys.argv[1]\ns = open(p, encoding='utf-8').read()\n"
                      f"open(p, 'w', encoding='utf-8').write(s.replace({old!r}, {new!r}))\n", encoding="utf-8")
    return f"{sys.executable} {script}"


@pytest.fixture
def drafted(tmp_path: Path) -> object:
    ws = make(tmp_path, git=True)
    result = ws.run("consolidate", "--week", "2021-W38", "--draft", *DATE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{DRAFT}\n"
    assert result.stderr == f"Đã tạo dự thảo: {DRAFT}\n"
    return ws


def test_draft_is_written_committed_and_prefilled(drafted: object) -> None:
    ws: object = drafted
    root = ws.root  # type: ignore[attr-defined]
    text = (root / DRAFT).read_text(encoding="utf-8")
    assert "id: tinh-hinh/nhan-dan" in text and "Hà Nội nới lỏng một số hoạt động" in text
    assert "figures:" in text and "data/reports/2021/W38/bui-thuy.yaml" in text
    assert git(root, "log", "-1", "--format=%s").strip() == "dự thảo: tong-hop-tuan 2021-W38"
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == [DRAFT]


def test_the_secretary_edits_the_draft_and_that_is_what_gets_issued(drafted: object, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ws: object = drafted
    root = ws.root  # type: ignore[attr-defined]
    monkeypatch.setenv("VISUAL", editor(tmp_path, "Hà Nội nới lỏng một số hoạt động; người dân đồng tình, ủng hộ.",
                                        EDITED))
    result = ws.run("draft", "edit", "--week", "2021-W38")  # type: ignore[attr-defined]
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"đã lưu dự thảo: {DRAFT}\n"
    assert git(root, "log", "-1", "--format=%s").strip() == f"sửa dự thảo: {DRAFT}"
    preview = ws.run("consolidate", "--week", "2021-W38", *DATE)  # type: ignore[attr-defined]
    assert EDITED in preview.stdout and "người dân đồng tình, ủng hộ" not in preview.stdout
    issued = ws.run("consolidate", "--week", "2021-W38", "--issue", "--format", "md", *DATE)  # type: ignore[attr-defined]
    assert issued.exit_code == 0, issued.stderr
    document = next((root / "data/issued").rglob("*.md")).read_text(encoding="utf-8")
    assert EDITED in document


def test_a_draft_edit_that_breaks_the_file_is_not_saved(drafted: object, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ws: object = drafted
    root = ws.root  # type: ignore[attr-defined]
    before = (root / DRAFT).read_bytes()
    monkeypatch.setenv("VISUAL", editor(tmp_path, "  level: 2\n  heading: 1. Tình hình nhân dân",
                                        "  level: 7\n  heading: 1. Tình hình nhân dân"))
    from typer.testing import CliRunner

    from dvcli.cli.app import app

    result = CliRunner().invoke(app, ["--data", str(root), "draft", "edit", "--week", "2021-W38"], input="n\n")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{DRAFT}:20: sections.1.level: phải là 1 hoặc 2\n"
                                    "  gợi ý: sửa lại theo khung dvcli đã ghi; hoặc xoá tệp rồi chạy lại --draft\n"
                                    "Dự thảo có 1 lỗi.\n")
    assert (root / DRAFT).read_bytes() == before


def test_draft_edit_without_a_draft_says_how_to_make_one(tmp_path: Path) -> None:
    result = make(tmp_path).run("draft", "edit", "--week", "2021-W38")
    assert result.exit_code == 1
    assert result.stderr == (f"lỗi: chưa có dự thảo {DRAFT}\n"
                             "  gợi ý: tạo dự thảo trước: dvcli consolidate --week 2021-W38 --template tong-hop-tuan "
                             "--draft\n")


def test_a_redraft_after_a_new_report_keeps_the_edits_and_shows_what_is_new(drafted: object, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ws: object = drafted
    root = ws.root  # type: ignore[attr-defined]
    monkeypatch.setenv("VISUAL", editor(tmp_path, "Hà Nội nới lỏng một số hoạt động; người dân đồng tình, ủng hộ.",
                                        EDITED))
    assert ws.run("draft", "edit", "--week", "2021-W38").exit_code == 0  # type: ignore[attr-defined]
    report = root / "data/reports/2021/W38/bui-thuy.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "  overview: Miền Trung và Tây Nguyên cơ bản kiểm soát được dịch.",
        "  overview: Miền Trung và Tây Nguyên cơ bản kiểm soát được dịch. Quảng Nam sơ tán 200 hộ vùng ngập."),
        encoding="utf-8")
    again = ws.run("consolidate", "--week", "2021-W38", "--draft", *DATE)  # type: ignore[attr-defined]
    assert again.exit_code == 0, again.stderr
    assert again.stderr == (f"Đã cập nhật dự thảo: {DRAFT}\n"
                            "  báo cáo mới hoặc đã sửa: data/reports/2021/W38/bui-thuy.yaml\n"
                            "  mục đã sửa có nội dung mới (xem new:): 1. Tình hình nhân dân\n")
    text = (root / DRAFT).read_text(encoding="utf-8")
    assert EDITED in text  # the secretary's text is kept
    assert "  new: Quảng Nam sơ tán 200 hộ vùng ngập.\n" in text  # what the new report adds, beside it
    preview = ws.run("consolidate", "--week", "2021-W38", *DATE).stdout  # type: ignore[attr-defined]
    assert EDITED in preview and "Quảng Nam sơ tán" not in preview  # the secretary decides what goes in


def test_check_flags_a_figure_that_no_longer_matches_and_issue_refuses_it(drafted: object) -> None:
    ws: object = drafted
    root = ws.root  # type: ignore[attr-defined]
    report = root / "data/reports/2021/W38/bui-thuy.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("ho-duoc-ho-tro: 350", "ho-duoc-ho-tro: 400"),
                      encoding="utf-8")
    checked = ws.run("check")  # type: ignore[attr-defined]
    assert checked.exit_code == 1
    line = next(n for n, text in enumerate((root / DRAFT).read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("  ho-duoc-ho-tro:"))
    assert checked.stdout == "Có 1 lỗi.\n"
    assert checked.stderr == (
        f"{DRAFT}:{line}: figures.ho-duoc-ho-tro: số liệu trong dự thảo (1.350) khác số liệu từ các báo cáo hiện nay "
        "(1.400)\n  gợi ý: chạy lại: dvcli consolidate --week 2021-W38 --template tong-hop-tuan --draft "
        "(phần đã sửa được giữ)\n")
    issued = ws.run("consolidate", "--week", "2021-W38", "--issue", *DATE)  # type: ignore[attr-defined]
    assert issued.exit_code == 1
    assert issued.stderr == (f"lỗi: dự thảo {DRAFT} có số liệu khác nguồn: ho-duoc-ho-tro\n"
                             "  gợi ý: chạy lại lệnh với --draft để cập nhật số liệu, đọc lại dự thảo, rồi ban hành\n")
    assert ws.run("consolidate", "--week", "2021-W38", "--draft", *DATE).exit_code == 0  # type: ignore[attr-defined]
    assert ws.run("check").exit_code == 0  # type: ignore[attr-defined]
