"""``dvcli history`` and the git audit trail of writing commands."""

from __future__ import annotations

import json

import pytest

from foundation_support import Workspace
from records_support import git, git_init


@pytest.fixture
def repo(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("DVCLI_NOW", "2021-09-24T16:00:00+07:00")
    (full_workspace.root / "data/reports/2021/W38/tran-vuong-viet.yaml").unlink()
    git_init(full_workspace.root)
    return full_workspace


def test_history_of_a_member_and_of_a_file(repo: Workspace) -> None:
    assert repo.run("report", "new", "tran-vuong-viet", "--nothing-to-report").exit_code == 0
    assert repo.run("assign", "tran-vuong-viet", "--task", "II.1", "--from", "2021-09-20").exit_code == 0
    result = repo.run("history", "tran vuong viet")
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert lines[0].endswith("  Trần Vương Việt  phân công: tran-vuong-viet II.1 từ 2021-09-20  "
                             f"[{git(repo.root, 'rev-parse', '--short=7', 'HEAD').strip()}]")
    assert lines[1] == "    data/assignments/tran-vuong-viet/II.1_2021-09-20.yaml"
    assert "  Trần Vương Việt  báo cáo: tran-vuong-viet 2021-W38  [" in lines[2]
    assert lines[3] == "    data/reports/2021/W38/tran-vuong-viet.yaml"
    assert "khởi tạo" in lines[4]  # the example files came with the first commit
    data = json.loads(repo.run("history", "data/reports/2021/W38/tran-vuong-viet.yaml", "--format", "json").stdout)
    assert [change["message"] for change in data["changes"]] == ["báo cáo: tran-vuong-viet 2021-W38"]
    assert data["changes"][0]["author"] == "Trần Vương Việt"
    assert data["changes"][0]["files"] == ["data/reports/2021/W38/tran-vuong-viet.yaml"]
    limited = json.loads(repo.run("history", "-n", "1", "--format", "json").stdout)
    assert len(limited["changes"]) == 1


def test_history_of_an_unrecorded_file(repo: Workspace) -> None:
    repo.run("report", "new", "tran-vuong-viet", "--nothing-to-report", "--no-commit")
    result = repo.run("history", "data/reports/2021/W38/tran-vuong-viet.yaml")
    assert result.stdout == "data/reports/2021/W38/tran-vuong-viet.yaml: chưa có thay đổi nào được ghi vào git.\n"


def test_without_git_everything_still_works(full_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_NOW", "2021-09-24T16:00:00+07:00")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(full_workspace.root.parent))
    (full_workspace.root / "data/reports/2021/W38/tran-vuong-viet.yaml").unlink()
    result = full_workspace.run("report", "new", "tran-vuong-viet", "--nothing-to-report")
    assert (result.exit_code, result.stderr) == (0, "")
    history = full_workspace.run("history")
    assert history.exit_code == 1
    assert history.stderr == (f"lỗi: {full_workspace.root} không phải kho git: không có lịch sử\n"
                              "  gợi ý: tạo kho bằng: git init, rồi ghi lần đầu: git add data && git commit\n")
    monkeypatch.setenv("PATH", "")  # no git at all
    assert full_workspace.run("assign", "bui-thuy", "--task", "II.1", "--from", "2021-09-20").exit_code == 0
