"""``dvcli init``: a new workspace, with or without git, that ``dvcli check`` finds valid but for its placeholders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from dvcli.cli.app import app
from dvcli.services.init import SKELETON


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _check(root: Path) -> Result:
    return run("--data", str(root), "check")


def test_skeletons_start_with_the_schema_line() -> None:
    for name, kind in (("plan.yaml", "plan"), ("members.yaml", "members")):
        first = (SKELETON / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_init_with_git(tmp_path: Path) -> None:
    root = tmp_path / "to-cong-tac"
    result = run("init", str(root))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:4] == ["đã tạo data/plan.yaml", "đã tạo data/members.yaml", "đã tạo data/README.md",
                         "đã tạo templates/README.md"]
    assert "đã tạo .gitignore" in lines
    assert lines[-2:] == ["đã khởi tạo kho git và ghi lần đầu",
                          "Tiếp theo: sửa data/plan.yaml và data/members.yaml, rồi chạy: dvcli check"]
    _only_placeholders(_check(root))
    log = subprocess.run(["git", "log", "--format=%s", "--name-only"], cwd=root, capture_output=True, text=True,
                         check=True).stdout
    assert log.startswith("khởi tạo không gian làm việc dvcli\n")
    assert "data/plan.yaml" in log and ".gitignore" in log
    (root / "out").mkdir()  # the README's preview folder: dvcli consolidate --out out/
    (root / "out" / "2021-W38.md").write_text("xem trước\n", encoding="utf-8")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
                            check=True).stdout
    assert status == "", "after init, check and a preview the work tree is clean (.dvcli/ and out/ are ignored)"


def test_init_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert shutil.which("git") is None
    root = tmp_path / "ws"
    result = run("init", str(root))
    assert result.exit_code == 0, result.stderr
    assert "đã khởi tạo kho git" not in result.stdout
    assert not (root / ".git").exists()
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines()[1::2] == [".dvcli/", "/out/"]
    _only_placeholders(_check(root))


def _only_placeholders(check: Result) -> None:
    """The skeleton is valid; what check names is each place left to fill in (``[CQ]`` and the like)."""
    assert check.exit_code == 1
    problems = [line for line in check.stderr.splitlines() if not line.startswith("  gợi ý:")]
    assert len(problems) > 20
    assert all(": còn chỗ cần điền từ dvcli init: " in line for line in problems), problems
    assert 'data/plan.yaml:25: document.issuer_code: còn chỗ cần điền từ dvcli init: "[CQ]"' in problems


def test_init_plan_show_and_members_work_on_the_skeleton(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    root = tmp_path / "ws"
    run("init", str(root))
    shown = run("--data", str(root), "plan", "show")
    assert shown.exit_code == 0
    assert "3. Đồng chí Trần Thị C, [Chức vụ], [đơn vị], Thư ký." in shown.stdout
    member = run("--data", str(root), "members", "show", "tran thi c")
    assert member.stdout.startswith("TT: 3\nId: tran-thi-c\n")


def test_init_into_an_existing_workspace_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    root = tmp_path / "ws"
    run("init", str(root))
    plan = (root / "data" / "plan.yaml").read_bytes()
    result = run("init", str(root))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"lỗi: {root} đã là một không gian làm việc (có data/plan.yaml)\n"
                             "  gợi ý: chọn thư mục khác, hoặc dùng luôn không gian làm việc này\n")
    assert (root / "data" / "plan.yaml").read_bytes() == plan


def test_init_keeps_an_existing_gitignore_and_other_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    root = tmp_path / "ws"
    root.mkdir()
    (root / ".gitignore").write_bytes(b"node_modules/\n*.log")
    (root / "ghi-chu.txt").write_text("của tôi\n", encoding="utf-8")
    result = run("init", str(root))
    assert result.exit_code == 0
    assert "đã bổ sung vào .gitignore các dòng còn thiếu để git bỏ qua .dvcli/ và out/" in result.stdout
    assert (root / ".gitignore").read_bytes().startswith(b"node_modules/\n*.log\n")
    lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[2:] == ["# dvcli: machine state (parse cache, lock, kept drafts)", ".dvcli/",
                         "# dvcli: previews (dvcli consolidate --out out/); issued documents live in data/issued/",
                         "/out/"]
    assert (root / "ghi-chu.txt").read_text(encoding="utf-8") == "của tôi\n"


def test_init_leaves_a_gitignore_that_already_ignores_the_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    root = tmp_path / "ws"
    root.mkdir()
    (root / ".gitignore").write_bytes(b".dvcli/\nout\n")
    result = run("init", str(root))
    assert "đã có .gitignore, giữ nguyên" in result.stdout
    assert (root / ".gitignore").read_bytes() == b".dvcli/\nout\n"


def test_init_adds_only_the_missing_out_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A .gitignore from before out/ was ignored gets that one line, and nothing it already has."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    root = tmp_path / "ws"
    root.mkdir()
    (root / ".gitignore").write_bytes(b"/.dvcli\n")
    result = run("init", str(root))
    assert "đã bổ sung vào .gitignore" in result.stdout
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines() == [
        "/.dvcli", "# dvcli: previews (dvcli consolidate --out out/); issued documents live in data/issued/", "/out/"]


def test_init_onto_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "tep.txt"
    target.write_text("x", encoding="utf-8")
    result = run("init", str(target))
    assert result.exit_code == 1
    assert result.stderr == (f"lỗi: {target} là một tệp, không phải thư mục\n"
                             "  gợi ý: chọn một thư mục mới hoặc thư mục trống\n")
