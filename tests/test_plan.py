"""``dvcli plan show``: the plan rendered back into the signed document, and its other formats."""

from __future__ import annotations

import difflib
import json

from foundation_support import FIXTURES, Workspace

FIDELITY_MIN = 0.98


def word_ratio(a: str, b: str) -> float:
    """difflib's similarity of the two texts as sequences of words (whitespace-normalised)."""
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def test_plan_text_reproduces_the_seed_document(workspace: Workspace) -> None:
    result = workspace.run("plan", "show")
    assert (result.exit_code, result.stderr) == (0, "")
    seed = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    ratio = word_ratio(result.stdout, seed)
    print(f"\nplan fidelity (word-level difflib ratio vs seed): {ratio:.4f}")
    assert ratio >= FIDELITY_MIN, f"plan fidelity {ratio:.4f} < {FIDELITY_MIN}"


def test_plan_text_has_every_part_in_order(workspace: Workspace) -> None:
    text = workspace.run("plan", "show").stdout
    markers = ["Số 16-KH/BDVTW", "KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích:", "2. Yêu cầu:", "II. NỘI DUNG",
               "III. TỔ CHỨC THỰC HIỆN", "5. Báo cáo của các thành viên", "Nơi nhận:",
               "- Thường trực Ban Bí thư (để b/c),", "- Lưu VT.", "K/T TRƯỞNG BAN", "Phạm Tất Thắng", "DANH SÁCH",
               "1. Đồng chí Vy Tư Liệu, Vụ trưởng Vụ Đoàn thể nhân dân, Tổ trưởng.",
               "11. Đồng chí Trần Vương Việt, Chuyên viên Vụ Đoàn thể nhân dân, Thư ký."]
    positions = [text.index(marker) for marker in markers]
    assert positions == sorted(positions)


def test_annex_follows_the_roster(workspace: Workspace) -> None:
    workspace.edit("data/members.yaml", "name: Bùi Thủy", "name: Bùi Thị Thủy")
    assert "7. Đồng chí Bùi Thị Thủy, Phó Vụ trưởng" in workspace.run("plan", "show").stdout


def test_plan_markdown(workspace: Workspace) -> None:
    result = workspace.run("plan", "show", "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("| BAN CHẤP HÀNH TRUNG ƯƠNG | **ĐẢNG CỘNG SẢN VIỆT NAM** |\n")
    assert "## II. NỘI DUNG\n" in text
    assert "1\\. **Mục đích:** Vận động" in text
    assert "| - Lưu VT. | **Phạm Tất Thắng** |" in text
    assert "11. Đồng chí Trần Vương Việt, Chuyên viên Vụ Đoàn thể nhân dân, Thư ký." in text
    seed = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    assert word_ratio(text.replace("**", "").replace("|", " "), seed) > 0.9


def test_plan_json(workspace: Workspace) -> None:
    result = workspace.run("plan", "show", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["plan"]["document"]["number"] == 16
    assert data["plan"]["document"]["date"] == "2021-09-13"
    assert [item["id"] for section in data["plan"]["sections"] for item in section["items"]] == [
        "I.1", "I.2", "II.1", "II.2", "II.3", "II.4", "III.1", "III.2", "III.3", "III.4", "III.5"]
    assert [m["id"] for m in data["members"]][:2] == ["vy-tu-lieu", "nguyen-minh-duc"]
    assert data["members"][0]["phone"] == "0900000001"


def test_plan_show_on_broken_data_lists_the_problems(workspace: Workspace) -> None:
    workspace.edit("data/plan.yaml", "date: 2021-09-13", "date: 13/9/2021")
    result = workspace.run("plan", "show")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"data/plan.yaml:{workspace.line('data/plan.yaml', 'date: 13/9/2021')}: document.date: "
                             "\"13/9/2021\" không phải ngày hợp lệ\n"
                             "  gợi ý: viết ngày dạng YYYY-MM-DD, ví dụ 2021-09-13\n")


def test_workspace_template_overrides_the_package_template(workspace: Workspace) -> None:
    workspace.write({"templates/plan.txt.j2": "{{ plan.document.symbol }} — {{ members | length }} thành viên\n"})
    assert workspace.run("plan", "show").stdout == "16-KH/BDVTW — 11 thành viên\n"
