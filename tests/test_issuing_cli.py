"""Issuing in one step and what follows: seals that record, autocrlf clones, replace, revoke, the register.

Everything runs on the repository's example data under git (``consolidate --issue --format md``:
no LibreOffice needed, so these stay in the fast suite).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from dvcli import yamlio
from issuing_support import Ws, example, git, tree_digest

W38 = ["consolidate", "--week", "2021-W38", "--issue", "--format", "md"]
ISSUED = "data/issued/2021/01-BC-TCT"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Ws:
    monkeypatch.setenv("DVCLI_NOW", "2021-09-28T09:00:00+07:00")
    return example(tmp_path / "ws")


def test_seal_records_the_commit_and_a_corrected_source_is_reported_not_failed(ws: Ws) -> None:
    sealed_at = git(ws.root, "rev-parse", "HEAD").strip()
    assert ws.run(*W38).exit_code == 0
    record = yamlio.load(ws.root / ISSUED / "issued.yaml")
    assert record["commit"] == sealed_at
    members = next(source for source in record["sources"] if source["path"] == "data/members.yaml")
    assert members["blob"] == git(ws.root, "rev-parse", f"{sealed_at}:data/members.yaml").strip()
    assert [entry["name"] for entry in record["files"]] == ["01-BC-TCT.md"]
    path = ws.root / "data/members.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("0900000001", "0912345678", 1), encoding="utf-8")
    git(ws.root, "commit", "-q", "-am", "sửa số điện thoại")
    fix = ws.head()
    check = ws.run("check")
    assert check.exit_code == 0, check.stderr
    show = ws.run("issued", "show", "01")
    assert show.exit_code == 0
    today = git(ws.root, "log", "-1", "--format=%cs").strip()
    assert f"Nguồn sửa sau khi ban hành (1):\n  data/members.yaml\n    {fix} {today} sửa số điện thoại\n" in show.stdout
    assert "Chưa ban hành văn bản đính chính (dvcli consolidate --issue --replaces 2021/01-BC-TCT" in show.stdout
    listing = json.loads(ws.run("issued", "list", "--format", "json").stdout)
    assert listing[0]["changed_sources"] == 1


def test_a_clone_with_autocrlf_stays_green(ws: Ws, tmp_path: Path) -> None:
    assert ws.run(*W38).exit_code == 0
    clone = tmp_path / "windows"
    subprocess.run(["git", "-c", "core.autocrlf=true", "clone", "-q", str(ws.root), str(clone)], check=True)
    git(clone, "config", "core.autocrlf", "true")
    assert b"\r\n" in (clone / ISSUED / "01-BC-TCT.md").read_bytes()  # the checkout really wrote CRLF
    assert b"\r\n" in (clone / "data/members.yaml").read_bytes()
    assert git(clone, "status", "--porcelain") == ""
    result = Ws(clone).run("check")
    assert result.exit_code == 0, result.stderr
    assert "Nguồn sửa sau khi ban hành: không có" in Ws(clone).run("issued", "show", "01").stdout


def test_reissue_asks_for_replaces_then_replace_and_revoke_show_everywhere(ws: Ws) -> None:
    assert ws.run(*W38).exit_code == 0
    again = ws.run(*W38)
    assert again.exit_code == 1
    assert again.stderr == (
        "lỗi: kỳ này đã có văn bản 01-BC/TCT ngày 28/09/2021 (mẫu tong-hop-tuan)\n"
        "  gợi ý: đính chính thì ban hành văn bản thay thế: thêm --replaces 2021/01-BC-TCT; hoặc thu hồi văn bản "
        "cũ: dvcli issued revoke 2021/01-BC-TCT --reason \"…\"\n")
    replaced = ws.run(*W38, "--replaces", "01")
    assert replaced.exit_code == 0, replaced.stderr
    assert replaced.stderr == ("Đã ban hành Số 02-BC/TCT (một bước, ký trên giấy; thay thế văn bản 01-BC/TCT): "
                               "data/issued/2021/02-BC-TCT\n")
    assert yamlio.load(ws.root / "data/issued/2021/02-BC-TCT/issued.yaml")["replaces"] == "2021/01-BC-TCT"
    twice = ws.run(*W38, "--replaces", "01")
    assert twice.exit_code == 1
    assert twice.stderr == ("lỗi: văn bản 01-BC/TCT đã được thay thế bằng văn bản 02-BC/TCT\n"
                            "  gợi ý: thay thế văn bản đang có hiệu lực: --replaces 2021/02-BC-TCT\n")
    revoked = ws.run("issued", "revoke", "02", "--reason", "số liệu tuần 38 sai")
    assert revoked.exit_code == 0, revoked.stderr
    assert revoked.stderr == "Đã thu hồi văn bản 02-BC/TCT ngày 28/09/2021: số liệu tuần 38 sai\n"
    assert revoked.stdout == "data/issued/2021/02-BC-TCT/thu-hoi.yaml\n"
    assert git(ws.root, "log", "-1", "--format=%s") == "thu hồi: 02-BC/TCT — số liệu tuần 38 sai\n"
    assert ws.run("issued", "revoke", "02", "--reason", "x").stderr == (
        "lỗi: văn bản 02-BC/TCT đã được thu hồi (số liệu tuần 38 sai)\n"
        "  gợi ý: mỗi văn bản chỉ thu hồi một lần; xem bằng: dvcli issued show 2021/02-BC-TCT\n")
    listing = ws.run("issued", "list")
    assert listing.exit_code == 0
    assert listing.stdout.splitlines()[3:5] == [
        "│ 2021/01-BC-TCT │ 01-BC/TCT   │ 28/09/2021 │ một bước  │ đã bị thay thế bởi 02-BC/TCT │ 0"
        "                │",
        "│ 2021/02-BC-TCT │ 02-BC/TCT   │ 28/09/2021 │ một bước  │ đã thu hồi                   │ 0"
        "                │"]
    book = ws.run("issued", "register-book", "--year", "2021", "--format", "csv")
    rows = list(csv.reader(io.StringIO(book.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại văn bản", "Trích yếu nội dung văn bản",
                       "Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Tình trạng",
                       "Ghi chú"]
    assert [row[0] for row in rows[1:]] == ["01-BC/TCT", "02-BC/TCT"]
    assert rows[1][1:3] == ["28/09/2021", "Báo cáo"]
    assert rows[1][3].startswith("tổng hợp tình hình, kết quả công tác dân vận")
    assert rows[1][4:9] == ["Vy Tư Liệu", "Các đ/c lãnh đạo Ban (để b/c); Thành viên Tổ công tác", "Lưu VT", "3",
                            "đã bị thay thế"]
    assert rows[1][9] == "bị thay thế bởi văn bản 02-BC/TCT; ký trên giấy"
    assert rows[2][8:] == ["đã thu hồi", "thay thế văn bản 01-BC/TCT; thu hồi: số liệu tuần 38 sai; ký trên giấy"]
    data = json.loads(ws.run("issued", "register-book", "--year", "2021", "--format", "json").stdout)
    assert [row["state"] for row in data["rows"]] == ["đã bị thay thế", "đã thu hồi"]
    out = ws.root.parent / "so.xlsx"
    assert ws.run("issued", "register-book", "--year", "2021", "--format", "xlsx", "--out", str(out)).exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    assert sheet is not None and sheet["A3"].value == "02-BC/TCT" and sheet["H2"].value == 3
    assert ws.run("check").exit_code == 0
    # the revocation is sealed like the record: editing it fails check
    path = ws.root / "data/issued/2021/02-BC-TCT/thu-hoi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("sai", "đúng"), encoding="utf-8")
    assert "thu-hoi.yaml: bản ghi văn bản đã ban hành đã bị sửa sau commit" in ws.run("check").stderr


def test_fresh_init_workspace_is_refused_naming_the_placeholders(tmp_path: Path) -> None:
    root = tmp_path / "moi"
    from issuing_support import Ws as Workspace

    ws = Workspace(root)
    assert ws.run("init", str(root)).exit_code == 0
    before = tree_digest(root)
    result = ws.run("consolidate", "--week", "2021-W38", "--issue", "--format", "md")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("lỗi: chưa ban hành: kế hoạch hoặc danh sách còn ")
    assert lines[0].endswith(" chỗ cần điền từ dvcli init")
    assert 'data/plan.yaml:25: document.issuer_code: còn chỗ cần điền từ dvcli init: "[CQ]"' in lines
    assert "  gợi ý: thay bằng nội dung thật của kế hoạch" in lines
    assert lines[-1] == "  gợi ý: sửa các chỗ trên, commit, rồi chạy lại; dvcli check liệt kê tất cả"
    assert tree_digest(root) == before and not (root / "data/issued").exists()
    check = ws.run("check")
    assert check.exit_code == 1
    assert 'data/plan.yaml:25: document.issuer_code: còn chỗ cần điền từ dvcli init: "[CQ]"\n' in check.stderr
    assert 'data/members.yaml:35: members[0].name: còn chỗ cần điền từ dvcli init: "Nguyễn Văn A"\n' in check.stderr


def test_period_with_no_reports_is_refused(ws: Ws) -> None:
    result = ws.run("consolidate", "--week", "2021-W30", "--issue", "--format", "md")
    assert result.exit_code == 1
    assert result.stderr == ("lỗi: chưa ban hành: kỳ này chưa có báo cáo nào của thành viên\n"
                             "  gợi ý: xem ai chưa nộp bằng: dvcli status; chọn kỳ khác bằng --week/--month\n")


def test_a_report_check_flags_is_refused(ws: Ws) -> None:
    path = ws.root / "data/reports/2021/W38/bui-thuy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("member: bui-thuy", "member: bui-thuy-x", 1),
                    encoding="utf-8")
    git(ws.root, "commit", "-q", "-am", "sai")
    result = ws.run(*W38)
    assert result.exit_code == 1
    assert result.stderr.startswith("lỗi: chưa ban hành: dvcli check thấy ")
    assert "data/reports/2021/W38/bui-thuy.yaml" in result.stderr


def test_failing_commit_hook_leaves_nothing_numbered(ws: Ws) -> None:
    hook = ws.root / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'chặn bởi hook' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    before = tree_digest(ws.root)
    result = ws.run(*W38)
    assert result.exit_code == 1
    assert result.stderr.startswith("lỗi: git không ghi được commit: lệnh git commit thất bại: chặn bởi hook; "
                                    "chưa ghi gì, không gian làm việc vẫn như trước khi chạy lệnh\n")
    assert tree_digest(ws.root) == before and not (ws.root / "data/issued").exists()
    assert git(ws.root, "status", "--porcelain") == ""
    hook.unlink()
    result = ws.run(*W38)
    assert result.exit_code == 0 and "Số 01-BC/TCT" in result.stderr  # no number was burnt


def test_check_names_a_folder_without_record_and_a_leftover(ws: Ws) -> None:
    assert ws.run(*W38).exit_code == 0
    (ws.root / ISSUED / "issued.yaml").unlink()
    leftover = ws.root / "data/issued/2021/.02-BC-TCT.4242.tmp"
    leftover.mkdir()
    result = ws.run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/issued/2021/.02-BC-TCT.4242.tmp: thư mục tạm còn sót lại do một lần ban hành bị dừng giữa chừng "
        "(không có số nào bị dùng)\n"
        "  gợi ý: xoá thư mục: rm -r 'data/issued/2021/.02-BC-TCT.4242.tmp'\n"
        f"{ISSUED}: thư mục văn bản đã ban hành thiếu tệp issued.yaml\n"
        f"  gợi ý: nếu tệp bị xoá: khôi phục bằng git checkout -- {ISSUED}/issued.yaml; nếu đây là phần còn lại "
        f"của một lần ban hành bị dừng: xoá thư mục (rm -r '{ISSUED}')\n")


def test_a_source_missing_from_history_fails_check(ws: Ws) -> None:
    assert ws.run(*W38).exit_code == 0
    record = ws.root / ISSUED / "issued.yaml"
    text = record.read_text(encoding="utf-8")
    commit = yamlio.load(record)["commit"]
    record.write_text(text.replace(commit, "0" * 40), encoding="utf-8")
    result = ws.run("check")
    assert result.exit_code == 1
    assert (f"{ISSUED}/issued.yaml:{text.split(chr(10)).index(f'commit: {commit}') + 1}: commit: commit 0000000 mà "
            "văn bản Số 01-BC/TCT đọc nguồn không có trong lịch sử git\n") in result.stderr


PREPARED_ID = "2021-W38-tong-hop-tuan-1"


def _prepared(title: str) -> str:
    return (f"id: {PREPARED_ID}\ntype_code: BC\nissuer_code: TCT\ntemplate: tong-hop-tuan\nprepared: 2021-09-28\n"
            f"start: 2021-09-20\nend: 2021-09-26\ntitle: {title}\nsources: []\nfiles: []\npdf: {PREPARED_ID}.pdf\n")


def test_register_refuses_a_prepared_record_that_names_another_folder_and_writes_nothing(ws: Ws,
                                                                                         tmp_path: Path) -> None:
    """A pushed folder whose record claims the id of the document waiting to be signed (and sorts
    first): ``issue register --prepared`` found it by that id and released it — its title and sources
    — as that document. Now refused with the problem ``check`` names; no number taken, nothing written."""
    prepared = ws.root / "data" / "prepared"
    (prepared / PREPARED_ID).mkdir(parents=True)
    (prepared / PREPARED_ID / "prepared.yaml").write_text(_prepared("Báo cáo tuần 38"), encoding="utf-8")
    (prepared / PREPARED_ID / f"{PREPARED_ID}.pdf").write_bytes(b"%PDF-1.7\n")
    (prepared / "2021-W38-tong-hop-tuan-0").mkdir()
    (prepared / "2021-W38-tong-hop-tuan-0" / "prepared.yaml").write_text(_prepared("Báo cáo giả"), encoding="utf-8")
    git(ws.root, "add", "data")
    git(ws.root, "commit", "-q", "-m", "văn bản chuẩn bị để ký")
    scan = tmp_path / "ban-quet.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n")
    before, head = tree_digest(ws.root), ws.head()
    other = "data/prepared/2021-W38-tong-hop-tuan-0"
    problem = (f"{other}/prepared.yaml:1: id: id {PREPARED_ID} khác tên thư mục 2021-W38-tong-hop-tuan-0\n"
               "  gợi ý: mỗi văn bản chuẩn bị để ký nằm trong thư mục mang id của nó; đừng chép thư mục: xoá bản "
               f"chép (git rm -r '{other}') hoặc chuẩn bị lại bằng dvcli issue prepare\n")
    for choose in ([], ["--prepared", PREPARED_ID]):
        result = ws.run("issue", "register", str(scan), "--paper", *choose)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", problem)
        assert tree_digest(ws.root) == before and not (ws.root / "data" / "issued").exists()
        assert (ws.head(), git(ws.root, "status", "--porcelain")) == (head, "")
    checked = ws.run("check")
    assert (checked.exit_code, checked.stdout, checked.stderr) == (1, "Có 1 lỗi.\n", problem)
    shutil.rmtree(ws.root / other)  # the copy gone, the document it shadowed is released as itself
    released = ws.run("issue", "register", str(scan), "--paper", "--prepared", PREPARED_ID)
    assert released.exit_code == 0, released.stderr
    assert yamlio.load(ws.root / ISSUED / "issued.yaml")["title"] == "Báo cáo tuần 38"


def test_register_reads_a_prepared_pdf_only_as_the_folder_holds_it(ws: Ws, tmp_path: Path) -> None:
    """The PDF to sign is data/prepared/<id>/<id>.pdf, never a path the record's ``pdf:`` names and
    never through a symbolic link: a scan matching a file outside the workspace picks no document."""
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"%PDF-1.7\n% ngoai\n")
    prepared = ws.root / "data" / "prepared"
    first, second = "2021-W38-tong-hop-tuan-1", "2021-W38-tong-hop-tuan-2"
    for ident, pdf in ((first, "../../../../outside.pdf"), (second, f"{second}.pdf")):
        (prepared / ident).mkdir(parents=True)
        (prepared / ident / "prepared.yaml").write_text(
            _prepared("Báo cáo tuần 38").replace(PREPARED_ID, ident).replace(f"pdf: {ident}.pdf", f"pdf: {pdf}"),
            encoding="utf-8")
    (prepared / second / f"{second}.pdf").symlink_to(outside)
    scan = tmp_path / "ban-quet.pdf"
    scan.write_bytes(outside.read_bytes() + b"% chu ky tay\n")
    before = tree_digest(ws.root)
    result = ws.run("issue", "register", str(scan), "--paper", "--no-commit")
    assert (result.exit_code, result.stderr) == (1, (
        f"lỗi: không biết tệp {scan} là văn bản đã chuẩn bị nào\n"
        f"  gợi ý: chọn bằng --prepared, một trong: {first}, {second}\n"))
    assert tree_digest(ws.root) == before and not (ws.root / "data" / "issued").exists()
