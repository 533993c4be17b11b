"""#12, the path guard: no field becomes a path unvalidated, no committed symlink is followed.

Each hostile input is committed into a real git workspace as a teammate's push would be, then
every command that could use it runs as its own process; the workspace is hashed before and
after: nothing changed, exit 1, a Vietnamese message with a hint, no traceback.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from reliability_support import dvcli, git, seeded_workspace, workspace_digest

from dvcli import paths

PLAN = "data/plan.yaml"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_workspace(tmp_path_factory.mktemp("trust-paths") / "ws")


@pytest.fixture
def ws(pristine: Path, tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(pristine, root, symlinks=True)
    return root


def commit_edit(root: Path, relative: str, old: str, new: str) -> int:
    """Replace ``old`` (once) in a file, commit it as a teammate would; return the edited line."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "hostile push")
    return text[: text.index(old)].count("\n") + 1


def assert_refused(root: Path, args: list[str], expected: str, counts: Counter[str]) -> None:
    """``dvcli args`` in ``root``: exit 1, ``expected`` on stderr, a hint, no traceback, nothing changed."""
    before = workspace_digest(root)
    outside = sorted(p.name for p in root.parent.iterdir())
    result = dvcli(root, *args)
    assert result.returncode == 1, (args, result.returncode, result.stderr)
    assert expected in result.stderr, (args, result.stderr)
    assert "gợi ý:" in result.stderr
    assert "Traceback" not in result.stderr and "lỗi không mong đợi" not in result.stderr
    assert workspace_digest(root) == before, args
    assert sorted(p.name for p in root.parent.iterdir()) == outside, args
    counts["hostile inputs tried"] += 1


# --- path-forming fields are validated codes --------------------------------------------------

CODE_HINT = ("mã này thành một phần tên thư mục: chỉ dùng chữ cái, chữ số và dấu '-' (không có '/', '.' hay "
             "khoảng trắng), ví dụ BDVTW hoặc HĐND")
EVERY_COMMAND = [["check"], ["status", "--week", "2021-W38"], ["consolidate", "--week", "2021-W38"],
                 ["consolidate", "--week", "2021-W38", "--issue", "--date", "2021-09-27"],
                 ["report", "new", "bui-thuy", "--week", "2021-W40", "--nothing-to-report"],
                 ["assign", "bui-thuy", "--task", "III.4", "--from", "2021-10-04"]]


@pytest.mark.parametrize("value", ["BDVTW/../../../../outside", "../outside", "BDVTW/x", "..", "B DVTW", "BDVTW."])
def test_an_issuer_code_that_would_leave_the_workspace_is_refused_by_every_command(
        ws: Path, value: str, counts: Counter[str]) -> None:
    line = commit_edit(ws, PLAN, "    tong-hop-tuan:\n      type_code: BC\n      issuer_code: TCT\n",
                       f"    tong-hop-tuan:\n      type_code: BC\n      issuer_code: \"{value}\"\n") + 2
    expected = (f"data/plan.yaml:{line}: reporting.documents.tong-hop-tuan.issuer_code: giá trị \"{value}\" "
                f"không đúng dạng\n  gợi ý: {CODE_HINT}\n")
    for args in EVERY_COMMAND if value == "BDVTW/../../../../outside" else [["check"]]:
        assert_refused(ws, args, expected, counts)


def test_a_task_id_that_would_leave_the_workspace_is_refused(ws: Path, counts: Counter[str]) -> None:
    line = commit_edit(ws, PLAN, "      - id: III.4\n", "      - id: \"../../../outside\"\n")
    expected = (f"data/plan.yaml:{line}: sections[2].items[3].id: giá trị \"../../../outside\" không đúng dạng\n"
                "  gợi ý: số hiệu mục thành một phần tên tệp: chỉ dùng chữ cái không dấu, chữ số và dấu '.', "
                "ví dụ II.2\n")
    for args in EVERY_COMMAND:
        assert_refused(ws, args, expected, counts)


def test_a_template_name_in_the_plan_is_a_slug(ws: Path, counts: Counter[str]) -> None:
    line = commit_edit(ws, PLAN, "    tong-hop-tuan:\n      type_code: BC\n",
                       "    \"../../tong-hop-tuan\":\n      type_code: BC\n")
    expected = (f"data/plan.yaml:{line}: reporting.documents.../../tong-hop-tuan: giá trị \"../../tong-hop-tuan\" "
                "không đúng dạng\n  gợi ý: chỉ dùng chữ thường không dấu, chữ số và dấu '-', ví dụ vy-tu-lieu\n")
    assert_refused(ws, ["check"], expected, counts)


@pytest.mark.parametrize("value", ["BDVTW", "HĐND", "UBND-T78", "TTg", "[CQ]"])
def test_real_codes_and_the_init_placeholder_pass(value: str) -> None:
    from dvcli import schema
    from dvcli.model import Code

    record, errors = schema.validate(Code, value)  # type: ignore[arg-type]
    assert record == value and not errors


# --- the guard itself --------------------------------------------------------------------------


def test_the_guard_names_the_first_symlink_on_the_way(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "data" / "reports").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "data" / "reports" / "2021").symlink_to(tmp_path / "elsewhere")
    target = root / "data" / "reports" / "2021" / "W40" / "a.yaml"
    assert paths.symlink_on_the_way(root, target) == root / "data" / "reports" / "2021"
    with pytest.raises(paths.UnsafePathError) as raised:
        paths.inside(root, target)
    assert raised.value.message == (f"data/reports/2021 là liên kết tượng trưng (trỏ đến {tmp_path / 'elsewhere'}); "
                                    "dvcli không đọc hay ghi qua liên kết trong không gian làm việc")
    assert raised.value.hint == ("thay liên kết bằng thư mục hoặc tệp thật: git rm data/reports/2021 (hoặc rm "
                                 "data/reports/2021 nếu chưa commit), rồi chạy lại lệnh")
    assert paths.inside(root, Path("data/reports/2022/a.yaml")) == root / "data/reports/2022/a.yaml"
    with pytest.raises(paths.UnsafePathError):
        paths.inside(root, root / "data" / ".." / ".." / "x")
    with pytest.raises(paths.UnsafePathError):
        paths.inside(root, tmp_path / "x")


def test_windows_reserved_names() -> None:
    assert all(paths.reserved_name(name) for name in ("con", "NUL", "aux.yaml", "com1", "lpt9", "prn"))
    assert not any(paths.reserved_name(name) for name in ("console", "con-1", "nul-x", "com10", "an"))


# --- committed symlinks are never followed --------------------------------------------------------

REPORT = """member: bui-thuy
period: 2021-W40
submitted: 2021-10-04 09:30
situation:
  overview: Tình hình ổn định.
"""
NOW = {"DVCLI_NOW": "2021-10-05T09:00:00+07:00"}


def commit_symlink(root: Path, relative: str, target: Path) -> None:
    link = root / relative
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    git(root, "add", relative)
    git(root, "commit", "--quiet", "-m", "hostile symlink")


def link_message(shown: str, target: Path) -> str:
    return (f"lỗi: {shown} là liên kết tượng trưng (trỏ đến {target}); dvcli không đọc hay ghi qua liên kết "
            f"trong không gian làm việc\n  gợi ý: thay liên kết bằng thư mục hoặc tệp thật: git rm {shown} (hoặc "
            f"rm {shown} nếu chưa commit), rồi chạy lại lệnh\n")


def test_a_symlinked_data_folder_never_makes_report_new_write_outside(ws: Path, tmp_path: Path,
                                                                      counts: Counter[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    commit_symlink(ws, "data/reports/2021/W40", outside)
    source = tmp_path / "report.yaml"
    source.write_text(REPORT, encoding="utf-8")
    before = workspace_digest(ws)
    for args in (["report", "new", "bui-thuy", "--week", "2021-W40", "--from-file", str(source)],
                 ["report", "new", "bui-thuy", "--week", "2021-W40", "--nothing-to-report"]):
        result = dvcli(ws, *args, **NOW)
        assert (result.returncode, result.stderr) == (1, link_message("data/reports/2021/W40", outside)), args
        assert list(outside.iterdir()) == []
        assert workspace_digest(ws) == before
        assert git(ws, "status", "--porcelain").stdout == ""
        counts["hostile inputs tried"] += 1


def test_a_symlinked_assignments_folder_never_makes_assign_write_outside(ws: Path, tmp_path: Path,
                                                                         counts: Counter[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(ws / "data" / "assignments" / "bui-thuy")
    git(ws, "commit", "--quiet", "-am", "remove")
    commit_symlink(ws, "data/assignments/bui-thuy", outside)
    result = dvcli(ws, "assign", "bui-thuy", "--task", "III.4", "--from", "2021-10-04")
    assert (result.returncode, result.stderr) == (1, link_message("data/assignments/bui-thuy", outside))
    assert list(outside.iterdir()) == []
    counts["hostile inputs tried"] += 1


@pytest.mark.parametrize("how", ["folder", "file", "partial", "docx"])
def test_a_symlink_in_templates_never_pulls_a_local_file_into_a_document(
        ws: Path, tmp_path: Path, how: str, counts: Counter[str]) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "tong-hop-tuan.md.j2").write_text("BÍ MẬT của máy thư ký\n", encoding="utf-8")
    (secret / "_bao-cao.md.j2").write_text("BÍ MẬT của máy thư ký\n", encoding="utf-8")
    (secret / "tong-hop-tuan.docx").write_bytes(b"PK not a docx")
    relative, target = {"folder": ("templates", secret),
                        "file": ("templates/tong-hop-tuan.md.j2", secret / "tong-hop-tuan.md.j2"),
                        "partial": ("templates/_bao-cao.md.j2", secret / "_bao-cao.md.j2"),
                        "docx": ("templates/tong-hop-tuan.docx", secret / "tong-hop-tuan.docx")}[how]
    commit_symlink(ws, relative, target)
    out = tmp_path / "out"
    runs = [["consolidate", "--week", "2021-W38"],
            ["consolidate", "--week", "2021-W38", "--format", "md,html,docx", "--out", str(out)],
            ["consolidate", "--week", "2021-W38", "--issue", "--date", "2021-09-27"]]
    before = workspace_digest(ws)
    for args in runs:
        if how == "docx" and args == runs[0]:
            continue  # the printed preview uses no Word template
        result = dvcli(ws, *args)
        assert (result.returncode, result.stderr) == (1, link_message(relative, target)), args
        assert "BÍ MẬT" not in result.stdout
        assert not out.exists() or all("BÍ MẬT" not in p.read_text(errors="replace") for p in out.iterdir())
        assert workspace_digest(ws) == before
        counts["hostile inputs tried"] += 1


def test_templates_copy_never_writes_through_a_symlink(ws: Path, tmp_path: Path, counts: Counter[str]) -> None:
    victim = tmp_path / "victim.txt"
    commit_symlink(ws, "templates/tong-hop-tuan.md.j2", victim)
    result = dvcli(ws, "templates", "copy", "tong-hop-tuan")
    # one transaction: the files copied before the link was met are taken back
    said = link_message("templates/tong-hop-tuan.md.j2", victim).replace(
        "trong không gian làm việc\n", "trong không gian làm việc; chưa ghi gì, không gian làm việc vẫn như trước khi "
        "chạy lệnh\n")
    assert (result.returncode, result.stderr) == (1, said)
    assert not victim.exists()
    assert not (ws / "templates/tong-hop-tuan.docx").exists() and not (ws / "templates/tong-hop-tuan.html.j2").exists()
    counts["hostile inputs tried"] += 1


# --- names that collide or cannot exist -------------------------------------------------------------

ROSTER = "data/members.yaml"


@pytest.mark.parametrize("reserved", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_member_ids_windows_cannot_hold_are_refused_by_check(ws: Path, reserved: str, counts: Counter[str]) -> None:
    line = commit_edit(ws, ROSTER, "  - id: bui-thuy\n", f"  - id: {reserved}\n")
    expected = (f"data/members.yaml:{line}: members[6].id: id \"{reserved}\" không dùng được làm tên tệp trên Windows\n"
                f"  gợi ý: đổi id, ví dụ {reserved}-1 (Windows dành riêng các tên con, prn, aux, nul, com0–com9, "
                "lpt0–lpt9)\n")
    assert_refused(ws, ["check"], expected, counts)


def test_a_member_id_too_long_for_a_file_name_is_refused_by_check(ws: Path, counts: Counter[str]) -> None:
    long_id = "-".join(["bui-thuy"] * 10)
    line = commit_edit(ws, ROSTER, "  - id: bui-thuy\n", f"  - id: {long_id}\n")
    expected = (f"data/members.yaml:{line}: members[6].id: id dài {len(long_id)} ký tự, quá 64 ký tự dùng được trong "
                "tên tệp\n  gợi ý: rút gọn id, ví dụ chỉ giữ họ và tên không dấu\n")
    assert_refused(ws, ["check"], expected, counts)


def test_two_long_ad_hoc_titles_on_one_day_do_not_collide(ws: Path, counts: Counter[str]) -> None:
    common = "Tình hình nhân dân tại các khu công nghiệp phía Nam trong đợt giãn cách xã hội kéo dài"
    first, second = f"{common} — tuần đầu", f"{common} — tuần thứ hai"
    made = []
    for title in (first, second):
        result = dvcli(ws, "report", "new", "bui-thuy", "--ad-hoc", "--title", title, "--date", "2021-10-04",
                       "--nothing-to-report", **NOW)
        assert result.returncode == 0, result.stderr
        made.append(result.stdout.split(": ", 1)[1].split("\n", 1)[0])
    assert made[0] != made[1]
    assert all(len(Path(path).stem) <= len("2021-10-04-bui-thuy-") + 60 for path in made)
    # the same title again: the hint names the report that has that title
    again = dvcli(ws, "report", "new", "bui-thuy", "--ad-hoc", "--title", second, "--date", "2021-10-04",
                  "--nothing-to-report", **NOW)
    assert again.returncode == 1
    assert f"({made[1]})" in again.stderr and made[0] not in again.stderr
    counts["hostile inputs tried"] += 1


# --- git: a workspace inside another repository, a repository git refuses ---------------------------


def test_init_inside_a_repository_gets_its_own_and_commits_nothing_outside(tmp_path: Path) -> None:
    outer = tmp_path / "project"
    outer.mkdir()
    git(outer, "init", "--quiet", "--initial-branch=main")
    (outer / "README").write_text("dự án khác\n", encoding="utf-8")
    git(outer, "add", "README")
    git(outer, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "--quiet", "-m", "outer")
    result = dvcli(outer, "init", "to-cong-tac")
    assert result.returncode == 0, result.stderr
    assert (f"thư mục nằm trong kho git {outer}: không gian làm việc có kho git riêng, không ghi gì vào kho "
            f"{outer}\n") in result.stdout
    assert git(outer, "log", "--format=%s").stdout == "outer\n"
    assert (outer / "to-cong-tac" / ".git").is_dir()
    assert git(outer / "to-cong-tac", "log", "--format=%s").stdout == "khởi tạo không gian làm việc dvcli\n"
    assert git(outer / "to-cong-tac", "rev-parse", "--show-toplevel").stdout.strip() == str(outer / "to-cong-tac")
