"""Roll-up (issue 17): units issue their week in their own workspaces, the centre receives the
packages over git (a path and git's smart HTTP on 127.0.0.1) or from a folder, verifies them,
and consolidates; every refusal is named by unit, number and what failed."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import git_http
import yaml
from click.testing import Result
from typer.testing import CliRunner

import unit_workspaces

T78 = "Cơ quan thường trực tại TP. Hồ Chí Minh"
T26 = "Cơ quan thường trực tại TP. Đà Nẵng"


def dvcli(root: Path, *args: str) -> Result:
    from dvcli.cli.app import app

    return CliRunner().invoke(app, ["--data", str(root), *args], catch_exceptions=False)


def git(root: Path, *args: str) -> str:
    return unit_workspaces.git(root, *args)


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def add_units(centre: Path, t78: str = "../t78", t26: str = "../t26") -> None:
    assert dvcli(centre, "units", "add", "t78", "--name", T78, "--source", t78).exit_code == 0
    assert dvcli(centre, "units", "add", "t26", "--name", T26, "--source", t26).exit_code == 0


def hand_sum(roots: list[Path], indicator: str, week: str = "W38") -> Decimal:
    """The indicator added up by hand from every member report file of the week, in every workspace."""
    total = Decimal(0)
    for root in roots:
        for path in sorted((root / "data" / "reports" / "2021" / week).glob("*.yaml")):
            value = yaml.safe_load(path.read_text(encoding="utf-8")).get("indicators", {}).get(indicator)
            total += Decimal(str(value or 0))
    return total


def annex_row(markdown: str, label: str) -> list[str]:
    """The cells of Biểu 4's row for ``label`` (TT, label, unit, own, units…, total)."""
    annex = markdown[markdown.index("Số liệu theo đơn vị**"):]
    line = next(line for line in annex.splitlines() if f"| {label} |" in line)
    return [cell.strip() for cell in line.strip("|").split("|")]


def number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


# --- units ---------------------------------------------------------------------------------------


def test_units_add_list_remove_and_their_errors(world: Path) -> None:
    centre = world / "centre"
    before = head(centre)
    added = dvcli(centre, "units", "add", "t78", "--name", T78, "--source", "../t78", "--due", "tuesday 17:00")
    assert added.exit_code == 0, added.output
    assert "đã thêm đơn vị t78: data/units.yaml" in added.output
    assert git(centre, "log", "-1", "--format=%s").strip() == f"thêm đơn vị báo cáo: t78 — {T78}"
    assert git(centre, "show", "--name-only", "--format=", "HEAD").split() == ["data/units.yaml"]
    listed = json.loads(dvcli(centre, "units", "list", "--format", "json").stdout)
    assert listed == [{"id": "t78", "name": T78, "code": "T78", "source": "../t78", "due": "tuesday 17:00"}]
    assert dvcli(centre, "check").exit_code == 0

    bad = dvcli(centre, "units", "add", "78", "--name", "X", "--source", "x")
    assert bad.exit_code == 1 and "mã đơn vị \"78\" không hợp lệ" in bad.output and "bắt đầu bằng chữ" in bad.output
    twice = dvcli(centre, "units", "add", "t78", "--name", T78, "--source", "../t78")
    assert twice.exit_code == 1 and "đã có đơn vị t78" in twice.output
    due = dvcli(centre, "units", "add", "t26", "--name", T26, "--source", "../t26", "--due", "thứ hai")
    assert due.exit_code == 1 and "hạn gửi \"thứ hai\" không hợp lệ" in due.output
    code = dvcli(centre, "units", "add", "t26", "--name", T26, "--source", "../t26", "--code", "T/26")
    assert code.exit_code == 1 and "ký hiệu \"T/26\" không hợp lệ" in code.output
    empty = dvcli(centre, "units", "add", "t26", "--name", " ", "--source", "../t26")
    assert empty.exit_code == 1 and "đơn vị cần tên và nguồn" in empty.output
    unknown = dvcli(centre, "units", "remove", "t99")
    assert unknown.exit_code == 1 and "không có đơn vị t99" in unknown.output and "các đơn vị: t78" in unknown.output
    assert len(git(centre, "log", "--format=%h", f"{before}..HEAD").split()) == 1  # the refusals wrote nothing

    removed = dvcli(centre, "units", "remove", "t78")
    assert removed.exit_code == 0 and "đã bỏ đơn vị t78" in removed.output
    assert json.loads(dvcli(centre, "units", "list", "--format", "json").stdout) == []


def test_units_yaml_is_checked(world: Path) -> None:
    centre = world / "centre"
    (centre / "data" / "units.yaml").write_text("units:\n  - id: ../t78\n    name: X\n    source: y\n", encoding="utf-8")
    checked = dvcli(centre, "check")
    assert checked.exit_code == 1
    assert "data/units.yaml:2: units[0].id" in checked.output


# --- receive and consolidate -----------------------------------------------------------------------


def test_units_issue_the_centre_receives_over_a_path_and_smart_http_and_consolidates(world: Path) -> None:
    """T78 from its workspace's path, T26 from its shared repository over git's smart HTTP."""
    t26_shared = world / "served" / "t26.git"
    subprocess.run(["git", "init", "-q", "--bare", str(t26_shared)], check=True)
    git(world / "t26", "push", "-q", str(t26_shared), "HEAD:refs/heads/main", "refs/dvcli/outbox")
    centre = world / "centre"
    branches = git(centre, "for-each-ref", "--format=%(refname)", "refs/heads").split()
    with git_http.serve(world / "served", {"trung-tam": "mat-khau"}) as server:
        add_units(centre, t26=server.url("t26.git", "trung-tam"))
        before = head(centre)
        received = dvcli(centre, "receive")
        assert received.exit_code == 0, received.output
        assert f"t78 ({T78}): đã nhận 01-BC/T78" in received.stdout
        assert f"t26 ({T26}): đã nhận 01-BC/T26" in received.stdout
        # only the outboxes travelled, into refs of their own; no branch, no tag, no member report
        refs = git(centre, "for-each-ref", "--format=%(refname)").split()
        assert "refs/dvcli/units/t78/outbox" in refs and "refs/dvcli/units/t26/outbox" in refs
        assert [ref for ref in refs if ref.startswith("refs/heads/")] == branches and len(branches) == 1
        assert not [ref for ref in refs if ref.startswith(("refs/tags/", "refs/remotes/"))]
        assert "mat-khau" not in received.output
        tree = git(centre, "ls-tree", "-r", "--name-only", "refs/dvcli/units/t26/outbox").split()
        assert tree == ["2021/01-BC-T26.zip"]
        # one commit with exactly the received files
        assert git(centre, "log", "--format=%s", f"{before}..HEAD").splitlines() == [
            "nhận báo cáo của đơn vị: 01-BC/T78, 01-BC/T26"]
        assert sorted(git(centre, "show", "--name-only", "--format=", "HEAD").split()) == [
            "data/received/t26/2021/01-BC-T26/package.zip", "data/received/t26/2021/01-BC-T26/received.yaml",
            "data/received/t78/2021/01-BC-T78/package.zip", "data/received/t78/2021/01-BC-T78/received.yaml"]
        # receiving twice changes nothing
        again = dvcli(centre, "receive")
        assert again.exit_code == 0
        assert "đã có từ trước 01-BC/T78" in again.stdout and "đã có từ trước 01-BC/T26" in again.stdout
        assert git(centre, "status", "--porcelain") == ""
        assert len(git(centre, "log", "--format=%h", f"{before}..HEAD").split()) == 1

    checked = dvcli(centre, "check")
    assert checked.exit_code == 0, checked.output
    status = json.loads(dvcli(centre, "status", "--units", "--week", "2021-W38", "--format", "json").stdout)
    assert status["counts"] == {"in": 2, "late": 0, "missing": 0}
    assert [(row["id"], row["symbol"]) for row in status["rows"]] == [("t78", "01-BC/T78"), ("t26", "01-BC/T26")]

    report = dvcli(centre, "consolidate", "--week", "2021-W38")
    assert report.exit_code == 0, report.output
    text = report.stdout
    assert (f"trên cơ sở Báo cáo số 01-BC/T78 ngày 27/9/2021 của {T78}; Báo cáo số 01-BC/T26 ngày 27/9/2021 "
            f"của {T26}, Tổ công tác") in text
    roots = [centre, world / "t78", world / "t26"]
    for label, indicator in (("Tiền vận động được", "tien-van-dong"), ("Hộ gia đình được hỗ trợ", "ho-duoc-ho-tro"),
                             ("Ý kiến, kiến nghị của nhân dân được tổng hợp", "y-kien-phan-anh")):
        row = annex_row(text, label)
        own, t78, t26, total = (number(cell) for cell in row[3:7])
        assert own == hand_sum([centre], indicator)
        assert t78 == hand_sum([world / "t78"], indicator)
        assert t26 == hand_sum([world / "t26"], indicator)
        assert total == own + t78 + t26 == hand_sum(roots, indicator)
        figure = next(line for line in text.splitlines() if line.startswith("| ") and f"| {label} |" in line)
        assert f"| {row[6]} |" in figure  # Biểu 1 prints the same total
    assert "| TT | Chỉ tiêu | Đơn vị tính | Tổ công tác | T78 | T26 | Cộng |" in text
    # the units' results are merged into the same synthesis (a T26 result text appears in the body)
    t26_report = yaml.safe_load(next((world / "t26" / "data" / "reports" / "2021" / "W38").glob("*.yaml")).read_text(
        encoding="utf-8"))
    first_sentence = t26_report["results"][0]["text"].split(".")[0].split(";")[0]
    assert " ".join(first_sentence.split())[:40] in " ".join(text.split())

    # the centre issues its week: the received packages are sources, and the report is a package itself
    issued = dvcli(centre, "consolidate", "--week", "2021-W38", "--issue", "--format", "md", "--date", "2021-09-28")
    assert issued.exit_code == 0, issued.output
    record = yaml.safe_load(next((centre / "data" / "issued" / "2021").glob("*/issued.yaml")).read_text(encoding="utf-8"))
    assert "data/received/t78/2021/01-BC-T78/package.zip" in [source["path"] for source in record["sources"]]
    exported = dvcli(centre, "issued", "export", "1", "--out", str(world / "centre.zip"))
    assert exported.exit_code == 0, exported.output
    data = json.loads(zipfile.ZipFile(world / "centre.zip").read("data.json"))
    money = next(row for row in data["indicators"] if row["id"] == "tien-van-dong")
    assert Decimal(money["period"]) == hand_sum(roots, "tien-van-dong")


def test_a_tampered_package_is_refused_and_the_other_unit_still_received(world: Path) -> None:
    drop = world / "drop"
    drop.mkdir()
    assert dvcli(world / "t78", "issued", "export", "1", "--out", str(drop / "01-BC-T78.zip")).exit_code == 0
    raw = (drop / "01-BC-T78.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(drop / "sua.zip", "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "data.json":
                data = data.replace(b'"period": "1100000000"', b'"period": "9100000000"', 1)
            target.writestr(info, data)
    (drop / "01-BC-T78.zip").unlink()
    centre = world / "centre"
    add_units(centre, t78="../drop")
    before = head(centre)
    result = dvcli(centre, "receive")
    assert result.exit_code == 1
    assert ("đơn vị t78, gói sua.zip: tệp data.json không khớp mã SHA-256 ghi trong manifest.json: gói đã bị sửa"
            in result.stderr)
    assert "t26" in result.stdout and "đã nhận 01-BC/T26" in result.stdout
    assert not (centre / "data" / "received" / "t78").exists()
    assert git(centre, "show", "--name-only", "--format=", "HEAD").split()[0].startswith("data/received/t26/")
    assert len(git(centre, "log", "--format=%h", f"{before}..HEAD").split()) == 1


def test_a_package_whose_catalogue_disagrees_is_refused(world: Path) -> None:
    t78 = world / "t78"
    plan = t78 / "data" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("label: Hộ gia đình được hỗ trợ\n      unit: hộ\n",
                                                             "label: Hộ gia đình được hỗ trợ\n      unit: gia đình\n"),
                    encoding="utf-8")
    git(t78, "commit", "-qam", "đổi đơn vị tính")
    assert dvcli(t78, "consolidate", "--week", "2021-W38", "--issue", "--format", "md", "--date", "2021-09-27",
                 "--replaces", "2021/01-BC-T78").exit_code == 0
    assert dvcli(t78, "issued", "export", "2", "--publish").exit_code == 0
    centre = world / "centre"
    add_units(centre)
    result = dvcli(centre, "receive", "t78")
    assert result.exit_code == 1
    assert ("đơn vị t78, báo cáo 02-BC/T78: chỉ tiêu ho-duoc-ho-tro: đơn vị tính \"gia đình\" khác danh mục "
            "của trung tâm (\"hộ\")") in result.stderr
    assert "đã nhận 01-BC/T78" in result.stdout  # the first report still agrees and is received


def test_an_offline_unit_is_named_and_the_other_is_received(world: Path) -> None:
    centre = world / "centre"
    with git_http.serve(world, {}) as server:
        dead = server.url("khong-co.git")
    add_units(centre, t78=dead)
    result = dvcli(centre, "receive", "--timeout", "10")
    assert result.exit_code == 1
    assert f"đơn vị t78: không nhận được từ nguồn {dead}:" in result.stderr
    assert "đã nhận 01-BC/T26" in result.stdout
    missing = json.loads(dvcli(centre, "status", "--units", "--week", "2021-W38", "--format", "json").stdout)
    assert [(row["id"], row["state"]) for row in missing["rows"]] == [("t78", "missing"), ("t26", "in")]
    table = dvcli(centre, "status", "--units", "--week", "2021-W38")
    assert "Đơn vị: 2 — đã nhận: 1, nhận muộn: 0, chưa nhận: 1." in table.stdout
    text = dvcli(centre, "consolidate", "--week", "2021-W38").stdout
    assert f"(chưa nhận được báo cáo của {T78})" in text
    assert f"Chưa nhận được báo cáo của: {T78}." in text
    strict = dvcli(centre, "status", "--units", "--week", "2021-W38", "--strict")
    assert strict.exit_code == 1


def test_a_missing_folder_source_is_named(world: Path) -> None:
    centre = world / "centre"
    add_units(centre, t78="../khong-co-thu-muc")
    result = dvcli(centre, "receive")
    assert result.exit_code == 1
    assert "đơn vị t78: không nhận được từ nguồn ../khong-co-thu-muc: không có thư mục hay kho git" in result.stderr


def test_a_replaced_unit_report_is_received_and_the_old_one_marked(world: Path) -> None:
    centre = world / "centre"
    add_units(centre)
    assert dvcli(centre, "receive").exit_code == 0
    t78 = world / "t78"
    report = next((t78 / "data" / "reports" / "2021" / "W38").glob("*.yaml"))
    text = report.read_text(encoding="utf-8")
    report.write_text(re.sub(r"(?m)^  tien-van-dong: \d+$", "  tien-van-dong: 1234000000", text, count=1),
                      encoding="utf-8")
    git(t78, "commit", "-qam", "sửa số liệu")
    replaced = dvcli(t78, "consolidate", "--week", "2021-W38", "--issue", "--format", "md", "--date", "2021-09-28",
                     "--replaces", "2021/01-BC-T78")
    assert replaced.exit_code == 0, replaced.output
    assert dvcli(t78, "issued", "export", "2", "--publish").exit_code == 0
    result = dvcli(centre, "receive")
    assert result.exit_code == 0, result.output
    assert "đã nhận 02-BC/T78; đã có từ trước 01-BC/T78; đánh dấu bị thay thế 2021/01-BC-T78" in result.stdout
    mark = yaml.safe_load((centre / "data" / "received" / "t78" / "2021" / "01-BC-T78" / "replaced.yaml").read_text(
        encoding="utf-8"))
    assert mark["by"] == "2021/02-BC-T78" and mark["symbol"] == "02-BC/T78"
    assert dvcli(centre, "check").exit_code == 0
    text = dvcli(centre, "consolidate", "--week", "2021-W38").stdout
    assert "Báo cáo số 02-BC/T78 ngày 28/9/2021" in text and "01-BC/T78" not in text
    row = annex_row(text, "Tiền vận động được")
    assert number(row[4]) == hand_sum([t78], "tien-van-dong")
    status = json.loads(dvcli(centre, "status", "--units", "--week", "2021-W38", "--format", "json").stdout)
    assert status["rows"][0]["symbol"] == "02-BC/T78"


def test_a_package_changed_after_receipt_and_a_stray_are_named_by_check(world: Path) -> None:
    centre = world / "centre"
    add_units(centre)
    assert dvcli(centre, "receive").exit_code == 0
    folder = centre / "data" / "received" / "t78" / "2021" / "01-BC-T78"
    (folder / "ghi-chu.txt").write_text("x", encoding="utf-8")
    package = folder / "package.zip"
    package.write_bytes(package.read_bytes()[:-10] + b"0123456789")
    checked = dvcli(centre, "check")
    assert checked.exit_code == 1
    assert "data/received/t78/2021/01-BC-T78/ghi-chu.txt: tệp lạ trong thư mục báo cáo đơn vị đã nhận" in checked.output
    assert "data/received/t78/2021/01-BC-T78/package.zip: không phải tệp gói .zip đọc được" in checked.output
    consolidated = dvcli(centre, "consolidate", "--week", "2021-W38")
    assert consolidated.exit_code == 1
    assert "data/received/t78/2021/01-BC-T78/package.zip: không phải tệp gói .zip đọc được" in consolidated.output


def test_a_received_package_replaced_by_a_symlink_is_never_followed(world: Path) -> None:
    """The link points at the very package, kept outside the workspace: following it would verify."""
    centre = world / "centre"
    add_units(centre)
    assert dvcli(centre, "receive").exit_code == 0
    assert dvcli(centre, "consolidate", "--week", "2021-W38").exit_code == 0  # its preview memo: the same bytes
    shown = "data/received/t78/2021/01-BC-T78/package.zip"
    outside = world / "package.zip"
    (centre / shown).rename(outside)
    (centre / shown).symlink_to(outside)
    checked = dvcli(centre, "check")
    assert (checked.exit_code, checked.stdout) == (1, "Có 1 lỗi.\n")
    assert checked.stderr == (f"{shown}: liên kết tượng trưng (symlink) trong dữ liệu: dvcli không đọc nó\n"
                              f"  gợi ý: thay liên kết bằng chính tệp đó (hoặc xoá nó: git rm '{shown}')\n")
    consolidated = dvcli(centre, "consolidate", "--week", "2021-W38")
    assert (consolidated.exit_code, consolidated.stdout) == (1, "")
    assert consolidated.stderr == (f"{shown}: không đọc được tệp: đó là một liên kết tượng trưng (symlink)\n"
                                   "  gợi ý: thay liên kết bằng chính tệp đó\n")


def test_a_package_of_another_issuer_and_a_different_package_with_the_same_number_are_refused(world: Path) -> None:
    centre = world / "centre"
    add_units(centre, t78="../t26")
    result = dvcli(centre, "receive", "t78")
    assert result.exit_code == 1
    assert "đơn vị t78, báo cáo 01-BC/T26: văn bản của T26, không phải của đơn vị này (T78)" in result.stderr
    other = world / "other"
    other.mkdir()
    assert dvcli(world / "t26", "issued", "export", "1", "--out", str(other / "a.zip")).exit_code == 0
    assert dvcli(centre, "units", "remove", "t26").exit_code == 0
    assert dvcli(centre, "units", "add", "t26", "--name", T26, "--source", "../other").exit_code == 0
    assert dvcli(centre, "receive", "t26").exit_code == 0
    with zipfile.ZipFile(other / "a.zip") as source, zipfile.ZipFile(other / "b.zip", "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.comment = b"khac"
    (other / "a.zip").unlink()
    again = dvcli(centre, "receive", "t26")
    assert again.exit_code == 1
    assert "đơn vị t26, báo cáo 01-BC/T26: khác gói đã nhận trước đây cùng số" in again.stderr


def test_receive_without_units_and_export_errors(world: Path) -> None:
    centre = world / "centre"
    none = dvcli(centre, "receive")
    assert none.exit_code == 1 and "chưa khai đơn vị báo cáo nào (data/units.yaml)" in none.output
    add_units(centre)
    unknown = dvcli(centre, "receive", "t99")
    assert unknown.exit_code == 1 and "không có đơn vị t99" in unknown.output
    t78 = world / "t78"
    nowhere = dvcli(t78, "issued", "export", "1")
    assert nowhere.exit_code == 1 and "cần --out TỆP hoặc --publish" in nowhere.output
    (world / "x.zip").write_bytes(b"x")
    exists = dvcli(t78, "issued", "export", "1", "--out", str(world / "x.zip"))
    assert exists.exit_code == 1 and "đã có" in exists.output and "--force" in exists.output
    missing = dvcli(t78, "issued", "export", "7", "--out", str(world / "y.zip"))
    assert missing.exit_code == 1 and "không có văn bản đã ban hành \"7\"" in missing.output
    twice = [dvcli(t78, "issued", "export", "1", "--out", str(world / f"{n}.zip")) for n in ("a", "b")]
    assert (world / "a.zip").read_bytes() == (world / "b.zip").read_bytes()  # the same bytes every time
    assert "SHA-256" in twice[0].stdout
    published = dvcli(t78, "issued", "export", "1", "--publish")
    assert "gói đã có sẵn trong hộp gửi refs/dvcli/outbox" in published.stdout


def test_receive_in_english(world: Path) -> None:
    centre = world / "centre"
    add_units(centre)
    from dvcli.cli.app import app

    result = CliRunner().invoke(app, ["--lang", "en", "--data", str(centre), "receive"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "received 01-BC/T78" in result.stdout


def test_the_docx_annex_has_a_block_per_unit(world: Path) -> None:
    import docx

    centre = world / "centre"
    add_units(centre)
    assert dvcli(centre, "receive").exit_code == 0
    made = dvcli(centre, "consolidate", "--week", "2021-W38", "--format", "docx", "--out", str(world / "out"))
    assert made.exit_code == 0, made.output
    document = docx.Document(str(next((world / "out").glob("*.docx"))))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Báo cáo số 01-BC/T78 ngày 27/9/2021" in text
    assert "Biểu 4. Số liệu theo đơn vị" in text
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    heads = [row[1] for row in cells if row[0].isdigit() and len(set(row[1:])) == 1]
    assert heads[-4:] == ["Tổ công tác", "T78", "T26", "Cộng"]
    money = [row for row in cells if row[1] == "Tiền vận động được"]
    total = hand_sum([centre, world / "t78", world / "t26"], "tien-van-dong")
    assert number(money[-1][3]) == total


def _issued_folder(unit: Path) -> Path:
    return unit / "data" / "issued" / "2021" / "01-BC-T78"


def test_export_never_packs_a_file_through_a_symlink(world: Path) -> None:
    """An issued file replaced by a link to the very same bytes outside the workspace: following it
    would pack a local file into what goes upward."""
    t78 = world / "t78"
    folder = _issued_folder(t78)
    record = yaml.safe_load((folder / "issued.yaml").read_text(encoding="utf-8"))
    name = record["files"][0]["name"]
    outside = world / "outside.bin"
    (folder / name).rename(outside)
    (folder / name).symlink_to(outside)
    result = dvcli(t78, "issued", "export", "1", "--out", str(world / "p.zip"))
    shown = f"data/issued/2021/01-BC-T78/{name}"
    assert (result.exit_code, result.stdout) == (1, "")
    assert f"{shown} là liên kết tượng trưng (trỏ đến {outside})" in result.stderr
    assert f"git rm {shown}" in result.stderr
    assert not (world / "p.zip").exists()


def test_export_names_a_missing_issued_file(world: Path) -> None:
    t78 = world / "t78"
    folder = _issued_folder(t78)
    name = yaml.safe_load((folder / "issued.yaml").read_text(encoding="utf-8"))["files"][0]["name"]
    (folder / name).unlink()
    result = dvcli(t78, "issued", "export", "1", "--out", str(world / "p.zip"))
    assert (result.exit_code, result.stdout) == (1, "")
    shown = f"data/issued/2021/01-BC-T78/{name}"
    assert result.stderr == (f"{shown}: không đọc được tệp: tệp không còn ở đó\n"
                             f"  gợi ý: khôi phục tệp từ git: git checkout -- '{shown}'\n")
    assert not (world / "p.zip").exists()


def test_an_issued_file_name_never_becomes_a_path_out_of_its_folder(world: Path) -> None:
    """``files[].name`` is a field anyone may have pushed: ``../../../../secret`` is refused by the
    record's rule (check names it) and export packs nothing."""
    t78 = world / "t78"
    (world / "secret").write_text("mật khẩu\n", encoding="utf-8")
    folder = _issued_folder(t78)
    path = folder / "issued.yaml"
    text = path.read_text(encoding="utf-8")
    name = yaml.safe_load(text)["files"][0]["name"]
    path.write_text(text.replace(f"name: {name}", "name: ../../../../../secret"), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "secret" in row)
    shown = "data/issued/2021/01-BC-T78/issued.yaml"
    checked = dvcli(t78, "check")
    assert checked.exit_code == 1
    assert f"{shown}:{line}: files[0].name: giá trị \"../../../../../secret\" không đúng dạng" in checked.stderr
    assert ("gợi ý: tên một tệp trong cùng thư mục với bản ghi: không có '/' hay '\\', không bắt đầu bằng '.'; "
            "đừng sửa tay trường này") in checked.stderr
    assert "files[0]" not in checked.stderr.replace("files[0].name", "")  # only the entry's own kind is named
    result = dvcli(t78, "issued", "export", "1", "--out", str(world / "p.zip"))
    assert result.exit_code == 1 and "secret" in result.stderr and "mật khẩu" not in result.stderr
    assert not (world / "p.zip").exists()
