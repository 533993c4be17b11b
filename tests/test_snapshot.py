"""One reader of the workspace (issue 11): the listing rule holds for every command.

A file that is not where a record belongs — a hidden copy, an editor's backup, a symbolic link —
is never a record for any command, and ``dvcli check`` names each one with a hint.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from foundation_support import REPO, Workspace

NOW = "2021-10-01T09:00:00+07:00"
W38 = "data/reports/2021/W38"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The repository's example data, as a workspace of its own."""
    monkeypatch.setenv("DVCLI_NOW", NOW)
    root = tmp_path / "ws"
    shutil.copytree(REPO / "data", root / "data")
    return Workspace(root)


def _outputs(ws: Workspace) -> tuple[str, str, str]:
    """What a user sees of week 2021-W38: consolidate's preview, status (JSON), report list (JSON)."""
    consolidate = ws.run("consolidate", "--week", "2021-W38")
    status = ws.run("status", "--week", "2021-W38", "--format", "json")
    listing = ws.run("report", "list", "--week", "2021-W38", "--format", "json")
    assert (consolidate.exit_code, status.exit_code, listing.exit_code) == (0, 0, 0), (
        consolidate.stderr, status.stderr, listing.stderr)
    return consolidate.stdout, status.stdout, listing.stdout


def test_a_hidden_copy_of_a_report_changes_no_total_and_check_names_it(example: Workspace) -> None:
    """The issue's example: ``cp bui-thuy.yaml .ban-sao.yaml`` once doubled Tổ COVID 181 → 202 in consolidate."""
    before = _outputs(example)
    assert "| 1 | Tổ COVID cộng đồng được thành lập, củng cố | tổ | 181 |" in before[0]
    assert "| 3 | Hộ gia đình được hỗ trợ | hộ | 4.320 |" in before[0]
    shutil.copy2(example.root / W38 / "bui-thuy.yaml", example.root / W38 / ".ban-sao.yaml")
    assert _outputs(example) == before
    result = example.run("check")
    assert result.exit_code == 1
    assert result.stdout == "Có 1 lỗi.\n"
    assert result.stderr == (
        "data/reports/2021/W38/.ban-sao.yaml: tệp ẩn nằm trong thư mục dữ liệu: dvcli không đọc nó\n"
        "  gợi ý: đổi tên tệp cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: "
        "rm 'data/reports/2021/W38/.ban-sao.yaml'\n")


@pytest.mark.parametrize(("name", "message", "hint"), [
    ("bui-thuy.yaml~", "tệp không phải .yaml nằm trong thư mục dữ liệu: dvcli không đọc nó",
     "bản sao lưu của trình soạn thảo hay tệp lạ: xoá nó (rm '{p}'), hoặc đặt ngoài data/"),
    (".bui-thuy.yaml.swp", "tệp ẩn nằm trong thư mục dữ liệu: dvcli không đọc nó",
     "đổi tên tệp cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: rm '{p}'"),
    ("bui-thuy.yml", "tệp không phải .yaml nằm trong thư mục dữ liệu: dvcli không đọc nó",
     "bản sao lưu của trình soạn thảo hay tệp lạ: xoá nó (rm '{p}'), hoặc đặt ngoài data/"),
])
def test_editor_backups_are_no_reports_and_check_names_them(example: Workspace, name: str, message: str,
                                                            hint: str) -> None:
    before = _outputs(example)
    shutil.copy2(example.root / W38 / "bui-thuy.yaml", example.root / W38 / name)
    assert _outputs(example) == before
    result = example.run("check")
    shown = f"{W38}/{name}"
    assert (result.exit_code, result.stdout) == (1, "Có 1 lỗi.\n")
    assert result.stderr == f"{shown}: {message}\n  gợi ý: {hint.format(p=shown)}\n"


@pytest.mark.parametrize("where", ["data/withdrawn/2021/W38", "data/reviews/2021/W38", "data/reminders",
                                   "data/drafts"])
def test_backups_and_hidden_copies_beside_corrections_and_drafts_are_named_by_check(example: Workspace,
                                                                                   where: str) -> None:
    """The listing rule holds in the folders of withdrawals, reviews, reminder logs and drafts too."""
    folder = example.root / where
    folder.mkdir(parents=True)
    (folder / ".ban-sao.yaml").write_text("member: bui-thuy\n", encoding="utf-8")
    (folder / "ghi-chu.yaml~").write_text("x\n", encoding="utf-8")
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 2 lỗi.\n")
    hidden, backup = f"{where}/.ban-sao.yaml", f"{where}/ghi-chu.yaml~"
    assert result.stderr == (
        f"{hidden}: tệp ẩn nằm trong thư mục dữ liệu: dvcli không đọc nó\n"
        f"  gợi ý: đổi tên tệp cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: rm '{hidden}'\n"
        f"{backup}: tệp không phải .yaml nằm trong thư mục dữ liệu: dvcli không đọc nó\n"
        f"  gợi ý: bản sao lưu của trình soạn thảo hay tệp lạ: xoá nó (rm '{backup}'), hoặc đặt ngoài data/\n")


def test_a_report_that_is_a_symlink_out_of_the_workspace_is_never_read(example: Workspace, tmp_path: Path) -> None:
    """A pushed symlink to a file of this machine: not counted, not listed, named by check."""
    before = _outputs(example)
    outside = tmp_path / "outside.yaml"
    shutil.copy2(example.root / W38 / "vy-tu-lieu.yaml", outside)
    target = example.root / W38 / "vy-tu-lieu.yaml"
    target.unlink()
    without = _outputs(example)
    assert without != before  # the member's report counts, so losing it shows
    target.symlink_to(outside)
    assert _outputs(example) == without
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 1 lỗi.\n")
    assert result.stderr == (
        f"{W38}/vy-tu-lieu.yaml: liên kết tượng trưng (symlink) trong dữ liệu: dvcli không đọc nó\n"
        f"  gợi ý: thay liên kết bằng chính tệp đó (hoặc xoá nó: git rm '{W38}/vy-tu-lieu.yaml')\n")


def test_a_symlinked_week_folder_and_template_are_named(example: Workspace, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    shutil.copytree(example.root / W38, outside)
    (example.root / "data/reports/2021/W40").symlink_to(outside)
    (example.root / "templates").mkdir()
    (example.root / "templates/remind.txt.j2").symlink_to("/etc/hostname")
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 2 lỗi.\n")
    assert result.stderr == (
        "data/reports/2021/W40: liên kết tượng trưng (symlink) trong dữ liệu: dvcli không đọc nó\n"
        "  gợi ý: thay liên kết bằng chính tệp đó (hoặc xoá nó: git rm 'data/reports/2021/W40')\n"
        "templates/remind.txt.j2: liên kết tượng trưng (symlink) trong mẫu: dvcli không đọc nó\n"
        "  gợi ý: thay liên kết bằng chính tệp mẫu (hoặc xoá nó: git rm 'templates/remind.txt.j2')\n")
    listing = example.run("report", "list", "--week", "2021-W40", "--format", "json")
    assert (listing.exit_code, listing.stdout) == (0, "[]\n")


def test_a_hidden_assignment_is_no_assignment(example: Workspace) -> None:
    folder = example.root / "data/assignments/bui-thuy"
    first = sorted(path.name for path in folder.iterdir())[0]
    shutil.copy2(folder / first, folder / f".{first}")
    result = example.run("check")
    shown = f"data/assignments/bui-thuy/.{first}"
    assert (result.exit_code, result.stdout) == (1, "Có 1 lỗi.\n")
    assert result.stderr == (f"{shown}: tệp ẩn nằm trong thư mục dữ liệu: dvcli không đọc nó\n"
                             f"  gợi ý: đổi tên tệp cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: "
                             f"rm '{shown}'\n")


def _every_view(ws: Workspace) -> tuple[str, ...]:
    """Every command that lists or counts W38's reports: consolidate, status, report list, search, export."""
    outputs = [*_outputs(ws)]
    for args in (("search", "Tổ COVID"), ("export", "indicators", "--week", "2021-W38", "--format", "json")):
        result = ws.run(*args)
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    return tuple(outputs)


def _named(*items: tuple[str, str, str]) -> str:
    return "".join(f"{shown}: {message}\n  gợi ý: {hint}\n" for shown, message, hint in items)


HIDDEN_FILE = ("tệp ẩn nằm trong thư mục dữ liệu: dvcli không đọc nó",
               "đổi tên tệp cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: rm '{p}'")
OTHER_EXTENSION = ("tệp không phải .yaml nằm trong thư mục dữ liệu: dvcli không đọc nó",
                   "bản sao lưu của trình soạn thảo hay tệp lạ: xoá nó (rm '{p}'), hoặc đặt ngoài data/")


def _stray(shown: str, kind: tuple[str, str]) -> tuple[str, str, str]:
    return shown, kind[0], kind[1].format(p=shown)


def _temp(shown: str, target: str) -> tuple[str, str, str]:
    return (shown, "tệp tạm còn sót lại do một lệnh dvcli bị dừng giữa chừng",
            f"tệp {target} đã được lưu đầy đủ; xoá tệp tạm: rm '{shown}'")


def test_a_hidden_copy_a_backup_and_a_temp_file_in_a_week_folder_are_named_and_never_counted(
        example: Workspace) -> None:
    """The one listing rule for every command: check names each; search, report list, status,
    consolidate and export never show or count them."""
    before = _every_view(example)
    for name in (".ban-sao.yaml", "bui-thuy.yaml~", ".bui-thuy.yaml.k3j4h5.tmp"):
        shutil.copy2(example.root / W38 / "bui-thuy.yaml", example.root / W38 / name)
    assert _every_view(example) == before
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 3 lỗi.\n")
    assert result.stderr == _named(_stray(f"{W38}/.ban-sao.yaml", HIDDEN_FILE),
                                   _stray(f"{W38}/bui-thuy.yaml~", OTHER_EXTENSION),
                                   _temp(f"{W38}/.bui-thuy.yaml.k3j4h5.tmp", f"{W38}/bui-thuy.yaml"))


def test_strays_beside_plan_yaml_are_named_and_never_read(example: Workspace) -> None:
    """The top of data/ holds plan, members, units, mail, README and the folders of each kind."""
    before = _every_view(example)
    data = example.root / "data"
    shutil.copy2(data / "plan.yaml", data / ".plan.yaml")
    shutil.copy2(data / "plan.yaml", data / "plan.yaml~")
    shutil.copy2(data / "plan.yaml", data / ".plan.yaml.k3j4h5.tmp")
    shutil.copy2(data / "members.yaml", data / "members.yml")
    shutil.copy2(example.root / W38 / "bui-thuy.yaml", data / "bui-thuy.yaml")  # a report out of its place
    (data / "report" / "2021" / "W38").mkdir(parents=True)  # a mistyped folder: its reports count nowhere
    shutil.copy2(example.root / W38 / "bui-thuy.yaml", data / "report" / "2021" / "W38" / "bui-thuy.yaml")
    assert _every_view(example) == before
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 6 lỗi.\n")
    assert result.stderr == _named(
        _stray("data/.plan.yaml", HIDDEN_FILE),
        ("data/bui-thuy.yaml", "tệp .yaml lạ ngay trong data/: không phải bản ghi nào, dvcli không đọc nó",
         "ngay trong data/ chỉ có plan.yaml, members.yaml, units.yaml, mail.yaml; báo cáo tuần: "
         "data/reports/NĂM/Wtt/THÀNH-VIÊN.yaml — chuyển tệp vào đúng chỗ (git mv), hoặc xoá nó: "
         "git rm 'data/bui-thuy.yaml'"),
        _stray("data/members.yml", OTHER_EXTENSION),
        _stray("data/plan.yaml~", OTHER_EXTENSION),
        ("data/report", "thư mục lạ trong data/: dvcli không đọc gì trong đó",
         "các thư mục của dvcli: assignments, reports, withdrawn, reviews, requests, issued, prepared, received, "
         "drafts, reminders — chuyển các tệp vào đúng chỗ, hoặc đặt thư mục ngoài data/"),
        _temp("data/.plan.yaml.k3j4h5.tmp", "data/plan.yaml"))


def test_a_hidden_copy_of_an_issued_folder_is_no_issued_document(example: Workspace) -> None:
    """``cp -r data/issued/2021 data/issued/.2021-ban-sao`` once listed every document twice
    (``issued list``) and check said "số … trùng" instead of naming the copy."""
    issued = example.run("consolidate", "--week", "2021-W38", "--issue")
    assert issued.exit_code == 0, issued.stderr
    before = example.run("issued", "list")
    top = example.root / "data" / "issued"
    shutil.copytree(top / "2021", top / ".2021-ban-sao")
    shutil.copytree(top / "2021" / "01-BC-TCT", top / "2021" / ".01-BC-TCT-cu")
    (top / "ghi-chu.txt").write_text("x\n", encoding="utf-8")
    (top / "2021" / "ghi-chu.md").write_text("x\n", encoding="utf-8")
    after = example.run("issued", "list")
    assert (after.exit_code, after.stdout) == (0, before.stdout)
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 4 lỗi.\n")

    def hidden(shown: str) -> tuple[str, str, str]:
        return (shown, "thư mục ẩn nằm trong thư mục dữ liệu: dvcli không đọc gì trong đó",
                f"đổi tên thư mục cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: rm -r '{shown}'")

    def stray(shown: str) -> tuple[str, str, str]:
        return (shown, "tệp lạ trong data/issued/: không thuộc văn bản đã ban hành nào",
                f"văn bản đã ban hành: data/issued/NĂM/SỐ-LOẠI-KÝ-HIỆU/ (dvcli ghi khi ban hành); xoá tệp này: "
                f"git rm '{shown}'")

    assert result.stderr == _named(hidden("data/issued/.2021-ban-sao"), hidden("data/issued/2021/.01-BC-TCT-cu"),
                                   stray("data/issued/2021/ghi-chu.md"), stray("data/issued/ghi-chu.txt"))


PREPARED_ID = "2021-W38-tong-hop-tuan-1"
PREPARED = f"""id: {PREPARED_ID}
type_code: BC
issuer_code: TCT
template: tong-hop-tuan
prepared: 2021-09-28
start: 2021-09-20
end: 2021-09-26
title: Báo cáo tuần 38
sources: []
files: []
pdf: {PREPARED_ID}.pdf
"""


def test_strays_in_prepared_are_named_and_a_hidden_copy_is_never_a_prepared_document(example: Workspace,
                                                                                    tmp_path: Path) -> None:
    """data/prepared/<id>/ holds prepared.yaml, <id>.pdf and <id>.docx; a copied folder is no document."""
    prepared = example.root / "data" / "prepared"
    copy = prepared / ".ban-sao"
    copy.mkdir(parents=True)
    (copy / "prepared.yaml").write_text(PREPARED, encoding="utf-8")
    signed = tmp_path / "da-ky.pdf"
    signed.write_bytes(b"%PDF-1.7\n")
    register = example.run("issue", "register", str(signed), "--paper", "--no-commit")
    assert (register.exit_code, register.stderr) == (1, (
        "lỗi: không có văn bản nào đang chờ phát hành\n"
        "  gợi ý: chuẩn bị văn bản để ký bằng: dvcli issue prepare --week …\n"))
    folder = prepared / PREPARED_ID
    folder.mkdir()
    (folder / "prepared.yaml").write_text(PREPARED, encoding="utf-8")
    (folder / f"{PREPARED_ID}.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "prepared.yaml~").write_text(PREPARED, encoding="utf-8")
    (folder / f".{PREPARED_ID}.pdf.swp").write_bytes(b"x")
    (folder / f".{PREPARED_ID}.pdf.k3j4h5.tmp").write_bytes(b"x")
    (prepared / "ghi-chu.yaml").write_text("x: 1\n", encoding="utf-8")
    (prepared / f"{PREPARED_ID}-2").mkdir()  # a folder copied under another name: the id says the first one
    (prepared / f"{PREPARED_ID}-2" / "prepared.yaml").write_text(PREPARED, encoding="utf-8")
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 6 lỗi.\n")
    where, other = f"data/prepared/{PREPARED_ID}", f"data/prepared/{PREPARED_ID}-2"
    not_prepared = ("tệp lạ trong thư mục văn bản chuẩn bị để ký: dvcli không đọc nó",
                    "mỗi văn bản chuẩn bị để ký: data/prepared/MÃ/ gồm prepared.yaml, MÃ.pdf, MÃ.docx; "
                    "xoá tệp này: git rm '{p}'")
    assert result.stderr == _named(
        ("data/prepared/.ban-sao", "thư mục ẩn nằm trong thư mục dữ liệu: dvcli không đọc gì trong đó",
         "đổi tên thư mục cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: rm -r 'data/prepared/.ban-sao'"),
        _stray(f"{where}/.{PREPARED_ID}.pdf.swp", HIDDEN_FILE),
        _stray(f"{where}/prepared.yaml~", not_prepared),
        _stray("data/prepared/ghi-chu.yaml", not_prepared),
        (f"{other}/prepared.yaml:1: id", f"id {PREPARED_ID} khác tên thư mục {PREPARED_ID}-2",
         "mỗi văn bản chuẩn bị để ký nằm trong thư mục mang id của nó; đừng chép thư mục: xoá bản chép "
         f"(git rm -r '{other}') hoặc chuẩn bị lại bằng dvcli issue prepare"),
        _temp(f"{where}/.{PREPARED_ID}.pdf.k3j4h5.tmp", f"{where}/{PREPARED_ID}.pdf"))


def test_strays_among_report_imports_originals_are_named(example: Workspace) -> None:
    """data/received/<year>/W<ww>/<member>/<digest>-<name>: what report import keeps, nothing else."""
    folder = example.root / "data" / "received" / "2021" / "W38" / "bui-thuy"
    folder.mkdir(parents=True)
    original = "3f2a9c1e0b7d-bao-cao-tuan-38.docx"
    for name in (original, f"{original}~", f".{original}.swp", f".{original}.k3j4h5.tmp"):
        (folder / name).write_bytes(b"PK")
    (folder.parent / "ghi-chu.txt").write_text("x\n", encoding="utf-8")
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 4 lỗi.\n")
    where = "data/received/2021/W38/bui-thuy"
    not_original = ("tệp lạ trong thư mục tệp gốc đã nhận: không phải tệp gốc nào",
                    "tệp gốc do dvcli report import lưu: data/received/NĂM/Wtt/THÀNH-VIÊN/MÃ-TÊN (báo cáo đột xuất: "
                    "data/received/NĂM/dot-xuat/THÀNH-VIÊN/…); xoá tệp này: git rm '{p}'")
    assert result.stderr == _named(
        _stray(f"{where}/.{original}.swp", HIDDEN_FILE),
        _stray(f"{where}/{original}~", not_original),
        _stray("data/received/2021/W38/ghi-chu.txt", not_original),
        _temp(f"{where}/.{original}.k3j4h5.tmp", f"{where}/{original}"))


NOT_RECEIVED = ("tệp lạ trong thư mục báo cáo đơn vị đã nhận",
                "mỗi báo cáo đã nhận: data/received/ĐƠN-VỊ/NĂM/SỐ-LOẠI-KÝ-HIỆU/ gồm package.zip, received.yaml (và "
                "replaced.yaml); xoá tệp này: git rm '{p}'")
SYMLINK = ("liên kết tượng trưng (symlink) trong dữ liệu: dvcli không đọc nó",
           "thay liên kết bằng chính tệp đó (hoặc xoá nó: git rm '{p}')")


def _hidden_folder(shown: str) -> tuple[str, str, str]:
    return (shown, "thư mục ẩn nằm trong thư mục dữ liệu: dvcli không đọc gì trong đó",
            f"đổi tên thư mục cho đúng chỗ của nó (bỏ dấu chấm đầu tên), hoặc xoá nó: rm -r '{shown}'")


def test_every_stray_of_the_units_received_folders_is_named_once_as_in_every_folder(example: Workspace) -> None:
    """data/received/<unit>/<year>/<nn>-<type>-<issuer>/: package.zip, received.yaml, replaced.yaml —
    a symbolic link, a hidden copy and a stray file at each level worded as anywhere in data/
    (``stray_problem``), a stray's hint saying what belongs there; a temp file named by leftovers; a
    folder whose received.yaml or package.zip is a link is never read (no second problem)."""
    top = example.root / "data" / "received"
    folder = top / "t78" / "2021" / "05-BC-T78"
    folder.mkdir(parents=True)
    (top / ".t78-cu").mkdir()
    (top / "ghi-chu.txt").write_text("x\n", encoding="utf-8")
    (top / "ghi-chu.yaml").write_text("x: 1\n", encoding="utf-8")
    (top / "t26").symlink_to("/etc")
    (top / "t78" / "goi.zip").symlink_to("/etc/hostname")
    (top / "t78" / ".goi.zip.k3j4h5.tmp").write_bytes(b"PK")
    (top / "t78" / "2021" / ".05-BC-T78").mkdir()
    (top / "t78" / "2021" / "ghi-chu.md").write_text("x\n", encoding="utf-8")
    (top / "t78" / "2021" / "06-BC-T78").symlink_to(folder)
    (folder / "received.yaml").symlink_to("/etc/hostname")
    (folder.parent / "07-BC-T78").mkdir()
    (folder.parent / "07-BC-T78" / "package.zip").symlink_to(folder / "package.zip~")
    (folder / "package.zip~").write_bytes(b"PK")
    (folder / ".package.zip.swp").write_bytes(b"PK")
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 13 lỗi.\n")
    unit = "data/received/t78"  # a folder whose file is a symbolic link is not read: the link is its problem
    assert result.stderr == _named(
        _hidden_folder("data/received/.t78-cu"),
        _stray("data/received/ghi-chu.txt", NOT_RECEIVED),
        _stray("data/received/ghi-chu.yaml", NOT_RECEIVED),
        _stray("data/received/t26", SYMLINK),
        _hidden_folder(f"{unit}/2021/.05-BC-T78"),
        _stray(f"{unit}/2021/05-BC-T78/.package.zip.swp", HIDDEN_FILE),
        _stray(f"{unit}/2021/05-BC-T78/package.zip~", NOT_RECEIVED),
        _stray(f"{unit}/2021/05-BC-T78/received.yaml", SYMLINK),
        _stray(f"{unit}/2021/06-BC-T78", SYMLINK),
        _stray(f"{unit}/2021/07-BC-T78/package.zip", SYMLINK),
        _stray(f"{unit}/2021/ghi-chu.md", NOT_RECEIVED),
        _stray(f"{unit}/goi.zip", SYMLINK),
        _temp(f"{unit}/.goi.zip.k3j4h5.tmp", f"{unit}/goi.zip"))


def test_a_symlinked_withdrawal_or_review_is_none_and_named_once(example: Workspace, tmp_path: Path) -> None:
    """As a symlinked report: never a record (status unchanged), named once by check."""
    before = example.run("status", "--week", "2021-W38", "--format", "json")
    outside = tmp_path / "outside.yaml"
    outside.write_text("member: bui-thuy\n", encoding="utf-8")
    shown = []
    for top in ("data/withdrawn", "data/reviews"):
        folder = example.root / top / "2021" / "W38"
        folder.mkdir(parents=True)
        (folder / "bui-thuy.yaml").symlink_to(outside)
        shown.append(f"{top}/2021/W38/bui-thuy.yaml")
    after = example.run("status", "--week", "2021-W38", "--format", "json")
    assert (after.exit_code, after.stdout) == (0, before.stdout)
    result = example.run("check")
    assert (result.exit_code, result.stdout) == (1, "Có 2 lỗi.\n")
    assert result.stderr == _named(*(
        (path, "liên kết tượng trưng (symlink) trong dữ liệu: dvcli không đọc nó",
         f"thay liên kết bằng chính tệp đó (hoặc xoá nó: git rm '{path}')") for path in sorted(shown)))


# --- unreadable files (issue 12): a named problem, never "late", never skipped ---------------------

NOBODY = 65534


@pytest.fixture
def shared_copy(example: Workspace) -> Iterator[Path]:
    """The example data where the user ``nobody`` can read everything but one report."""
    if os.getuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run dvcli as another user")  # CI runs as root
    folder = Path(tempfile.mkdtemp(prefix="dvcli-perm-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        shutil.copytree(example.root / "data", folder / "data")
        for path in [folder / "data", *(folder / "data").rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (folder / W38 / "bui-thuy.yaml").chmod(0)
        yield folder
    finally:
        shutil.rmtree(folder)


def _as_nobody(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    dvcli = str(Path(sys.executable).with_name("dvcli"))
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "DVCLI_NOW": NOW}
    return subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", dvcli,
                           "--data", str(root), *args], capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize("args", [("status", "--week", "2021-W38"), ("check",),
                                  ("consolidate", "--week", "2021-W38"), ("search", "ton"),
                                  ("report", "list", "--week", "2021-W38")])
def test_an_unreadable_report_is_named_by_every_command(shared_copy: Path, args: tuple[str, ...]) -> None:
    result = _as_nobody(shared_copy, *args)
    shown = f"{W38}/bui-thuy.yaml"
    problem = (f"{shown}: không đọc được tệp: không có quyền đọc\n"
               f"  gợi ý: xin quyền đọc tệp (chmod a+r '{shown}'), hoặc chạy dvcli bằng người dùng sở hữu nó\n")
    assert result.returncode == 1
    assert result.stderr == problem
    assert "muộn" not in result.stdout


@pytest.mark.parametrize("folder", ["data/received", "data/received/t78", "data/received/t78/2021"])
def test_an_unreadable_received_folder_is_named_once_as_any_unreadable_folder(shared_copy: Path, folder: str) -> None:
    (shared_copy / W38 / "bui-thuy.yaml").chmod(0o644)
    (shared_copy / "data" / "received" / "t78" / "2021").mkdir(parents=True)
    (shared_copy / folder).chmod(0)
    result = _as_nobody(shared_copy, "check")
    assert (result.returncode, result.stdout) == (1, "Có 1 lỗi.\n")
    assert result.stderr == (f"{folder}: không đọc được thư mục: không có quyền đọc\n"
                             f"  gợi ý: xin quyền đọc thư mục (chmod a+rx '{folder}')\n")


# --- machine state (issue 12): where git cannot carry it, trusted only if written here ------------


def _forge(ws: Workspace) -> None:
    """On the forger's machine: a cache entry for bui-thuy's exact bytes that holds another record."""
    import dataclasses
    import hashlib
    from decimal import Decimal

    from dvcli.model import Report
    from dvcli.store import Store
    from dvcli.workspace import Workspace as Ws

    store = Store(Ws(ws.root))
    path = ws.root / W38 / "bui-thuy.yaml"
    real = store.read(path, Report).record
    forged = dataclasses.replace(real, indicators={**real.indicators, "to-covid-cong-dong": Decimal(900021)})
    store.cache.put(f"{W38}/bui-thuy.yaml", "Report", hashlib.sha256(path.read_bytes()).digest(), forged)
    store.close()


def test_a_cache_written_on_another_machine_changes_no_output(example: Workspace, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's attack: a parse cache (and memo) forced into the workspace from elsewhere."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "victim"))
    clean = _outputs(example)
    shutil.rmtree(example.root / ".dvcli")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "forger"))
    _forge(example)
    forged = example.run("consolidate", "--week", "2021-W38").stdout  # where it was made, the forgery is served
    assert "| 1 | Tổ COVID cộng đồng được thành lập, củng cố | tổ | 900.181 |" in forged
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "victim"))
    assert _outputs(example) == clean  # neither the forged records nor the forged memo are trusted here
    assert example.run("check").exit_code == 0
    assert example.run("consolidate", "--week", "2021-W38").stdout == clean[0]  # and again, from this machine's cache


def test_machine_state_lives_in_the_git_directory(example: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a git work tree the cache, memo and lock are under .git/dvcli: `git add -f` cannot reach them."""
    from records_support import git, git_init

    git_init(example.root)
    assert example.run("consolidate", "--week", "2021-W38").exit_code == 0
    assert example.run("check").exit_code == 0
    assert not (example.root / ".dvcli").exists()
    state = example.root / ".git" / "dvcli"
    assert (state / "cache" / "consolidate").is_dir() and (state / "cache" / "data.rec").is_file()
    assert git(example.root, "status", "--porcelain", "--ignored") == ""


# What the grep may still find outside dvcli/snapshot/, and why each is no reading of data/.
NOT_DATA = {
    "cache.py": "hashes the package's own source files (the cache's version key)",
    "i18n.py": "the package's own message catalogues",
    "render.py": "workspace templates (templates/), not data/",
    "template_limits.py": "workspace templates (templates/), not data/",
    "signatures.py": "the trust anchors folder named by --trust",
    "yamlio.py": "the only yaml user: the snapshot's strict parser",
    "yamledit.py": "write path: assign --update edits the file it is about to write, comments kept",
    "services/roster_edit.py": "write path: members add/remove edits the roster it is about to write",
    "services/receive.py": "a unit's drop folder outside data/: the packages a command was given",
    "services/writes.py": "the transaction's own undo folder in the state folder",
    "services/consolidate_memo.py": "the preview memo in the state folder, and the package's own files (its key)",
    "services/templates.py": "package templates and workspace templates/",
    "services/schema.py": "editor settings text (\"yaml.schemas\"), no reading",
    "services/report_text.py": "the package's report skeleton (a comment names it)",
    "services/report.py": "the draft or --from-file a member is writing, before it becomes a record",
    "services/report_read.py": "a report file being imported (an e-mail attachment, a file given), before it is one",
    "services/report_edit.py": "the corrected text the user gave (--from-file or the edited draft)",
    "services/issuing.py": "the issued record it is about to write, round-tripped through the strict parser",
    "services/issue_prepare.py": "the prepared record it is about to write, round-tripped through the strict parser",
    "checks/placeholders.py": "the package's own skeleton files (what dvcli init wrote)",
    "model/request.py": "a docstring naming data/requests/",
    "cli/status.py": "a help text naming data/mail.yaml",
}
LISTS_OR_PARSES = re.compile(r"os\.scandir|os\.listdir|\.iterdir\(|\.glob\(|\.rglob\(|os\.walk|yaml\.|load_yaml|"
                             r"safe_load|yamlio\.load")
# A data file's place named outside the snapshot: ``UNITS_FILE = "units.yaml"``, ``folder / "issued.yaml"``.
LAYOUT = re.compile(r"(?:=|/)\s*\"[a-z_-]+\.yaml\"")
SKELETON_USERS = {"services/init.py", "checks/placeholders.py"}  # the package's skeleton files, not data/


def test_only_the_snapshot_lists_data_or_parses_a_data_file() -> None:
    """Issue 11: grep finds no module outside ``dvcli/snapshot/`` that lists ``data/`` or parses a
    data file, or that names where a data file lives (``data/units.yaml`` was read by
    ``services/units.py`` itself)."""
    package = REPO / "src" / "dvcli"
    listing, layout = set(), set()
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        if name.startswith("snapshot/") or name == "workspace.py":
            continue
        text = path.read_text(encoding="utf-8")
        if LISTS_OR_PARSES.search(text) and name not in NOT_DATA:
            listing.add(name)
        if LAYOUT.search(text) and name not in SKELETON_USERS:
            layout.add(name)
    assert (listing, layout) == (set(), set())
