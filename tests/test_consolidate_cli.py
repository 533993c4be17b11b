"""``dvcli consolidate --issue``, sealed sources in ``dvcli check``, numbering, templates, every error."""

from __future__ import annotations

from pathlib import Path

import pytest

from consolidate_support import git, make
from dvcli import yamlio

DATE = ["--date", "2021-09-28"]
ISSUED = "data/issued/2021/01-BC-BDVTW"


def test_issue_numbers_seals_and_commits(tmp_path: Path) -> None:
    ws = make(tmp_path, git=True)
    result = ws.run("consolidate", "--week", "2021-W38", "--issue", *DATE)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Đã ban hành Số 01-BC/BDVTW (một bước, ký trên giấy): {ISSUED}\n"
    assert result.stdout == "".join(f"{ISSUED}/{name}\n" for name in
                                    ("01-BC-BDVTW.md", "01-BC-BDVTW.html", "01-BC-BDVTW.docx", "issued.yaml"))
    record = yamlio.load(ws.root / ISSUED / "issued.yaml")
    assert (record["number"], record["symbol"], record["start"], record["end"]) == ("1", "01-BC/BDVTW", "2021-09-20", "2021-09-26")
    paths = [source["path"] for source in record["sources"]]
    assert paths[:2] == ["data/plan.yaml", "data/members.yaml"]
    assert "data/reports/2021/W37/cao-hong-hung.yaml" in paths  # cumulative figures use W37
    assert "data/reports/2021/W38/dot-xuat/2021-09-22-bui-thuy-mua-lu-mien-trung.yaml" in paths
    assert git(ws.root, "log", "-1", "--format=%s").startswith("ban hành: Số 01-BC/BDVTW — Báo cáo tổng hợp")
    assert git(ws.root, "status", "--porcelain") == ""  # the parse cache and memo live in .git/dvcli
    assert "Số 01-BC/BDVTW" in (ws.root / ISSUED / "01-BC-BDVTW.md").read_text(encoding="utf-8")
    assert ws.run("check").exit_code == 0
    second = ws.run("consolidate", "--week", "2021-W38", "--template", "bao-cao-ban", "--issue", "--format", "md", *DATE)
    assert second.exit_code == 0
    assert second.stderr == "Đã ban hành Số 02-BC/BDVTW (một bước, ký trên giấy): data/issued/2021/02-BC-BDVTW\n"


def test_corrected_source_keeps_check_green_an_edited_issued_file_fails(tmp_path: Path) -> None:
    ws = make(tmp_path, git=True)
    assert ws.run("consolidate", "--week", "2021-W38", "--issue", "--format", "md", *DATE).exit_code == 0
    issue_commit = git(ws.root, "log", "-1", "--format=%h").strip()
    source = ws.root / "data/reports/2021/W37/cao-hong-hung.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("ho-duoc-ho-tro: 2500", "ho-duoc-ho-tro: 2600"),
                      encoding="utf-8")
    assert ws.run("check").exit_code == 0  # a correction, committed or not, is history, not a broken seal
    git(ws.root, "commit", "-q", "-am", "sửa số liệu")
    assert ws.run("check").exit_code == 0
    issued = ws.root / ISSUED / "01-BC-BDVTW.md"
    issued.write_text(issued.read_text(encoding="utf-8") + "thêm\n", encoding="utf-8")
    line = [i for i, text in enumerate((ws.root / ISSUED / "issued.yaml").read_text().split("\n"), 1)
            if "name: 01-BC-BDVTW.md" in text][0]
    result = ws.run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{ISSUED}/issued.yaml:{line}: files[0]: tệp đã ban hành {ISSUED}/01-BC-BDVTW.md của văn bản Số 01-BC/BDVTW "
        "đã bị sửa\n"
        f"  gợi ý: văn bản đã ban hành không bao giờ sửa; khôi phục bằng: git checkout -- {ISSUED}/01-BC-BDVTW.md; "
        "muốn đính chính thì ban hành văn bản thay thế (--replaces) hoặc thu hồi (dvcli issued revoke)\n")
    git(ws.root, "checkout", "--", ISSUED)
    record = ws.root / ISSUED / "issued.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("title: ", "title: X"), encoding="utf-8")
    git(ws.root, "commit", "-q", "-am", "sửa bản ghi")
    result = ws.run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{ISSUED}/issued.yaml: bản ghi văn bản đã ban hành đã bị sửa sau commit {issue_commit}\n"
        f"  gợi ý: văn bản đã ban hành không bao giờ sửa; khôi phục bằng: git checkout {issue_commit} -- "
        f"{ISSUED}/issued.yaml; muốn đính chính thì ban hành văn bản thay thế (--replaces) hoặc thu hồi "
        "(dvcli issued revoke)\n")


def test_duplicate_number_refused(tmp_path: Path) -> None:
    ws = make(tmp_path, git=True)
    assert ws.run("consolidate", "--week", "2021-W38", "--issue", "--number", "25", "--format", "md", *DATE).exit_code == 0
    assert (ws.root / "data/issued/2021/25-BC-BDVTW/25-BC-BDVTW.md").is_file()
    result = ws.run("consolidate", "--week", "2021-W37", "--issue", "--number", "25", "--format", "md", *DATE)
    assert result.exit_code == 1
    assert result.stderr == ("lỗi: số 25 đã cấp cho báo cáo Số 25-BC/BDVTW, ngày 28/09/2021\n"
                             "  gợi ý: mỗi số chỉ cấp một lần cho loại BC của BDVTW; bỏ --number để lấy số tiếp theo (26)\n")
    nxt = ws.run("consolidate", "--week", "2021-W37", "--issue", "--format", "md", *DATE)
    assert nxt.stderr == "Đã ban hành Số 26-BC/BDVTW (một bước, ký trên giấy): data/issued/2021/26-BC-BDVTW\n"


def test_check_reports_duplicate_numbers(tmp_path: Path) -> None:
    ws = make(tmp_path, git=True)
    assert ws.run("consolidate", "--week", "2021-W38", "--issue", "--format", "md", *DATE).exit_code == 0
    copy = ws.root / "data/issued/2021/01-BC-BDVTW-copy"
    copy.mkdir()
    (copy / "issued.yaml").write_bytes((ws.root / ISSUED / "issued.yaml").read_bytes())
    result = ws.run("check")
    assert result.exit_code == 1
    assert "01-BC-BDVTW-copy/issued.yaml:2: number: số 01-BC/BDVTW trùng với data/issued/2021/01-BC-BDVTW/issued.yaml" in result.stderr


def test_state_profile_numbers_reset_each_year(tmp_path: Path) -> None:
    ws = make(tmp_path, git=True)
    plan = ws.root / "data/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("profile: dang", "profile: nha-nuoc"), encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38", "--issue", "--format", "md", *DATE)
    assert result.exit_code == 1  # a source that is not committed cannot be named by a commit
    assert result.stderr == ("lỗi: chưa ban hành: 1 tệp nguồn có thay đổi chưa commit (data/plan.yaml)\n"
                             "  gợi ý: văn bản ban hành phải ghi rõ nguồn đã lưu trong lịch sử git; commit các tệp "
                             "này trước (git add … && git commit), rồi chạy lại\n")
    git(ws.root, "commit", "-q", "-am", "thể thức Nhà nước")
    assert ws.run("consolidate", "--week", "2021-W38", "--issue", "--format", "md", *DATE).exit_code == 0
    result = ws.run("consolidate", "--week", "2021-W37", "--issue", "--format", "md", "--date", "2022-01-03")
    assert result.stderr == "Đã ban hành Số: 01/BC-BDVTW (một bước, ký trên giấy): data/issued/2022/01-BC-BDVTW\n"


def test_preview_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    ws = make(tmp_path)
    out = tmp_path / "out"
    assert ws.run("consolidate", "--week", "2021-W38", "--format", "md", "--out", str(out)).exit_code == 0
    result = ws.run("consolidate", "--week", "2021-W38", "--format", "md", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (f"lỗi: tệp đã có, không ghi đè: {out}/tong-hop-tuan-2021-W38.md\n"
                             "  gợi ý: chọn thư mục --out khác, xoá tệp cũ, hoặc thêm --force để ghi đè\n")
    assert ws.run("consolidate", "--week", "2021-W38", "--format", "md", "--out", str(out), "--force").exit_code == 0


@pytest.mark.parametrize(("args", "message", "hint"), [
    (["--format", "odt"], 'không có định dạng "odt"',
     "chọn trong: md, html, docx, pdf, cách nhau bằng dấu phẩy, ví dụ --format md,html,docx"),
    (["--format", "html"], "định dạng html cần thư mục ghi tệp", "thêm --out THƯ_MỤC (chỉ Markdown mới in ra màn hình)"),
    (["--template", "khac"], 'kế hoạch không khai mẫu báo cáo "khac" (reporting.documents)',
     "dùng một mẫu đã khai: tong-hop-tuan, bao-cao-ban; hoặc thêm mục khac vào reporting.documents trong data/plan.yaml"),
    (["--week", "2021-W38", "--month", "2021-10"], "chỉ chọn một kỳ: --week, --month",
     "dùng --week, --month, hoặc --from cùng --to"),
    (["--from", "2021-09-20"], "thiếu --to",
     "một khoảng thời gian cần cả --from và --to, ví dụ --from 2021-09-13 --to 2021-09-26"),
    (["--ad-hoc", "Mưa lũ"], "báo cáo đột xuất cần khoảng thời gian",
     "thêm --from NGÀY --to NGÀY, ví dụ --from 2021-09-20 --to 2021-09-22"),
    (["--number", "3"], "--number chỉ dùng khi ban hành", "thêm --issue, hoặc bỏ --number để xem trước"),
    (["--issue", "--number", "0", "--no-commit"], "số văn bản phải từ 1 trở lên", "bỏ --number để lấy số tiếp theo"),
])
def test_errors(tmp_path: Path, args: list[str], message: str, hint: str) -> None:
    ws = make(tmp_path)
    result = ws.run("consolidate", *args)
    assert result.exit_code == 1
    assert result.stderr == f"lỗi: {message}\n  gợi ý: {hint}\n"
    assert not (ws.root / "data/issued").exists()


def test_invalid_report_stops_consolidation(tmp_path: Path) -> None:
    ws = make(tmp_path)
    path = ws.root / "data/reports/2021/W38/bui-thuy.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38")
    assert result.exit_code == 1
    assert result.stderr.startswith("data/reports/2021/W38/bui-thuy.yaml:13: extra: ")


def test_ad_hoc_range(tmp_path: Path) -> None:
    result = make(tmp_path).run("consolidate", "--ad-hoc", "Mưa lũ tại miền Trung", "--from", "2021-09-20",
                                "--to", "2021-09-22", *DATE)
    assert result.exit_code == 0
    assert "**mưa lũ tại miền Trung**<br>\n(từ ngày 20/9 đến ngày 22/9/2021)" in result.stdout
    assert "báo cáo đột xuất về mưa lũ tại miền Trung từ ngày 20/9 đến ngày 22/9/2021 như sau:" in result.stdout
    assert "Mưa lớn gây ngập cục bộ tại Quảng Nam" in result.stdout
    assert "## IV. NHIỆM VỤ THỜI GIAN TỚI" in result.stdout


def test_templates_list_and_copy(tmp_path: Path) -> None:
    ws = make(tmp_path)
    result = ws.run("templates", "list", "--format", "json")
    assert result.exit_code == 0
    assert '"name": "tong-hop-tuan"' in result.stdout and '"source": "gói dvcli"' in result.stdout
    copied = ws.run("templates", "copy", "tong-hop-tuan")
    assert copied.stdout == ("đã chép: templates/tong-hop-tuan.docx\nđã chép: templates/tong-hop-tuan.html.j2\n"
                             "đã chép: templates/tong-hop-tuan.md.j2\nđã chép: templates/_bao-cao.html.j2\n"
                             "đã chép: templates/_bao-cao.md.j2\n")
    again = ws.run("templates", "copy", "tong-hop-tuan")
    assert again.stdout.startswith("giữ nguyên (đã có): templates/tong-hop-tuan.docx\n")
    listed = ws.run("templates", "list", "--format", "json").stdout
    assert '"source": "templates/ (bản sửa: docx, html, md)"' in listed
    # the workspace copy wins: edit it and see the change
    md = ws.root / "templates/_bao-cao.md.j2"
    md.write_text(md.read_text(encoding="utf-8").replace("**BIỂU SỐ LIỆU**", "**BIỂU SỐ LIỆU CHUNG**"), encoding="utf-8")
    assert "**BIỂU SỐ LIỆU CHUNG**" in ws.run("consolidate", "--week", "2021-W38").stdout
    missing = ws.run("templates", "copy", "khong-co")
    assert missing.exit_code == 1
    assert missing.stderr.startswith('lỗi: không có mẫu "khong-co" trong gói dvcli\n  gợi ý: các mẫu có sẵn: ')


def test_template_error_names_file_and_line(tmp_path: Path) -> None:
    ws = make(tmp_path)
    (ws.root / "templates").mkdir()
    (ws.root / "templates/tong-hop-tuan.md.j2").write_text("dòng 1\n{{ r.khong_co }}\n", encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38")
    assert result.exit_code == 1
    assert "templates/tong-hop-tuan.md.j2:2" in result.stderr
    (ws.root / "templates/tong-hop-tuan.md.j2").write_text("{% if %}\n", encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38")
    assert "tong-hop-tuan.md.j2:1" in result.stderr and "có lỗi cú pháp" in result.stderr
    (ws.root / "templates/tong-hop-tuan.docx").write_bytes(b"not a zip")
    result = ws.run("consolidate", "--week", "2021-W38", "--format", "docx", "--out", str(tmp_path / "o"))
    assert result.exit_code == 1 and "không đọc được mẫu Word" in result.stderr


def test_help_texts() -> None:
    from typer.testing import CliRunner

    from dvcli.cli.app import app

    for args in (["consolidate", "--help"], ["templates", "list", "--help"], ["templates", "copy", "--help"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0 and "Ví dụ: dvcli" in result.stdout
