"""(d) Hostile text and numbers: characters that change how text is shown, escapes YAML cannot
hold, NaN and infinity, figures beyond the documented maximum — each refused on reading (so
``check`` and every command name it: file, line, field, a hint; exit 1, nothing changed) — and
totals kept exact at any size dvcli accepts.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from reliability_support import git, seeded_workspace, workspace_digest
from typer.testing import CliRunner

from dvcli.cli.app import app

HOSTILE = Path(__file__).with_name("hostile")
BASE = (HOSTILE / "base.yaml").read_text(encoding="utf-8")
OVERVIEW = "overview: Tình hình nhân dân trên địa bàn ổn định."
runner = CliRunner()


def variant(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


# what the file says → (first line of stderr, its hint); {F} is the file's path
REFUSED_TEXT: dict[str, tuple[str, str, str]] = {
    "bidi-override-raw": (
        variant("ổn định.", "ổn \u202eđịnh."),
        "{F}:5: situation.overview: giá trị chứa ký tự đảo chiều văn bản U+202E",
        "  gợi ý: xoá ký tự này: nó đảo thứ tự hiển thị của chữ (văn bản hiện ra khác với nội dung thật); "
        "dvcli không đưa nó vào văn bản nào"),
    "bidi-isolate-escaped": (
        variant(OVERVIEW, 'overview: "Tình hình \\u2067ổn định"'),
        "{F}:5: situation.overview: giá trị chứa ký tự đảo chiều văn bản U+2067",
        "  gợi ý: xoá ký tự này: nó đảo thứ tự hiển thị của chữ (văn bản hiện ra khác với nội dung thật); "
        "dvcli không đưa nó vào văn bản nào"),
    "noncharacter-escaped": (
        variant(OVERVIEW, 'overview: "Tình hình \\uFFFF ổn định"'),
        "{F}:5: situation.overview: giá trị chứa ký tự không dùng trong văn bản U+FFFF",
        "  gợi ý: xoá ký tự này (hoặc chuỗi thoát \\u… của nó): Unicode dành riêng mã này, không phải chữ"),
    "noncharacter-raw": (
        variant("ổn định.", "ổn \ufdd0định."),
        "{F}:5: situation.overview: giá trị chứa ký tự không dùng trong văn bản U+FDD0",
        "  gợi ý: xoá ký tự này (hoặc chuỗi thoát \\u… của nó): Unicode dành riêng mã này, không phải chữ"),
    "noncharacter-raw-ffff": (
        variant("ổn định.", "ổn \uffffđịnh."),
        "{F}:5: tệp chứa ký tự không dùng trong văn bản U+FFFF",
        "  gợi ý: xoá ký tự này: Unicode dành riêng mã này, không phải chữ"),
    "lone-surrogate-escaped": (
        variant(OVERVIEW, 'overview: "Tình hình \\ud800 ổn định"'),
        "{F}:5: lỗi cú pháp YAML: chuỗi thoát \\u… không phải ký tự Unicode hợp lệ "
        "(\\ud800–\\udfff là nửa cặp thay thế UTF-16)",
        '  gợi ý: trong dấu nháy kép chỉ dùng các chuỗi thoát \\n, \\t, \\\\, \\" và \\uXXXX của một ký tự thật; '
        "đơn giản nhất là viết thẳng ký tự, hoặc dùng dấu nháy đơn"),
    "line-separator-raw": (
        variant("ổn định.", "ổn\u2028định."),
        "{F}:5: tệp chứa ký tự ngắt dòng lạ U+2028",
        "  gợi ý: xoá ký tự này hoặc thay bằng một lần xuống dòng thường (thường do sao chép từ Word hay trang web)"),
    "paragraph-separator-raw-late": (
        variant("ủng hộ phòng", "ủng hộ\u2029phòng"),
        "{F}:9: tệp chứa ký tự ngắt dòng lạ U+2029",
        "  gợi ý: xoá ký tự này hoặc thay bằng một lần xuống dòng thường (thường do sao chép từ Word hay trang web)"),
    "line-separator-escaped": (
        variant(OVERVIEW, 'overview: "Tình hình \\L ổn định"'),
        "{F}:5: situation.overview: giá trị chứa ký tự ngắt dòng lạ U+2028",
        "  gợi ý: thay chuỗi thoát này bằng \\n, hoặc xuống dòng thường trong khối '|'"),
    "nan": (
        variant("to-covid-cong-dong: 3", "to-covid-cong-dong: NaN"),
        '{F}:11: indicators.to-covid-cong-dong: "NaN" không phải số hữu hạn (NaN, vô cực không phải số liệu)',
        "  gợi ý: viết một số cụ thể, ví dụ 12 hoặc 19300.5"),
    "infinity": (
        variant("to-covid-cong-dong: 3", "to-covid-cong-dong: inf"),
        '{F}:11: indicators.to-covid-cong-dong: "inf" không phải số hữu hạn (NaN, vô cực không phải số liệu)',
        "  gợi ý: viết một số cụ thể, ví dụ 12 hoặc 19300.5"),
    "fifty-two-digits": (
        variant("tien-van-dong: 150000000", "tien-van-dong: " + "9" * 52),
        '{F}:12: indicators.tien-van-dong: "' + "9" * 52 + '" có quá 15 chữ số (tối đa 999999999999999)',
        "  gợi ý: số liệu chỉ tiêu có tối đa 15 chữ số kể cả phần thập phân; kiểm tra lại số đã nhập, "
        "hoặc đổi đơn vị tính (ví dụ triệu đồng)"),
    "sixteen-digits": (
        variant("tien-van-dong: 150000000", "tien-van-dong: 1000000000000000"),
        '{F}:12: indicators.tien-van-dong: "1000000000000000" có quá 15 chữ số (tối đa 999999999999999)',
        "  gợi ý: số liệu chỉ tiêu có tối đa 15 chữ số kể cả phần thập phân; kiểm tra lại số đã nhập, "
        "hoặc đổi đơn vị tính (ví dụ triệu đồng)"),
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return seeded_workspace(tmp_path / "ws")


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", sorted(REFUSED_TEXT))
def test_hostile_text_is_refused_on_the_way_in(workspace: Path, tmp_path: Path, name: str,
                                               counts: Counter[str]) -> None:
    text, first, hint = REFUSED_TEXT[name]
    source = tmp_path / f"{name}.yaml"
    source.write_text(text, encoding="utf-8")
    before, head = workspace_digest(workspace), git(workspace, "rev-parse", "HEAD").stdout
    code, stdout, stderr = invoke(workspace, "report", "new", "vy-tu-lieu", "--week", "2021-W40",
                                  "--from-file", str(source))
    assert (code, stderr.splitlines()) == (1, [first.format(F=source), hint]), stderr
    assert "Traceback" not in stdout + stderr
    assert workspace_digest(workspace) == before
    assert git(workspace, "rev-parse", "HEAD").stdout == head
    counts["hostile inputs tried"] += 1


@pytest.mark.parametrize("name", ["bidi-override-raw", "noncharacter-escaped", "line-separator-raw", "nan",
                                  "fifty-two-digits"])
def test_check_names_hostile_text_a_teammate_committed(workspace: Path, name: str, counts: Counter[str]) -> None:
    """Pushed straight into git, past ``report new``: ``check`` (and every reader) names it."""
    text, first, hint = REFUSED_TEXT[name]
    target = workspace / "data/reports/2021/W40/vy-tu-lieu.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    before = workspace_digest(workspace)
    code, _stdout, stderr = invoke(workspace, "check")
    lines = stderr.splitlines()
    assert code == 1
    assert lines[:2] == [first.format(F="data/reports/2021/W40/vy-tu-lieu.yaml"), hint], stderr
    code, _stdout, stderr = invoke(workspace, "consolidate", "--week", "2021-W40", "--format", "md")
    assert code == 1 and stderr.splitlines()[0] == first.format(F="data/reports/2021/W40/vy-tu-lieu.yaml")
    assert workspace_digest(workspace) == before
    counts["hostile inputs tried"] += 1


@pytest.mark.parametrize(("argument", "message"), [
    ("a\u202eb", "lỗi: tham số thứ 8 chứa ký tự không được phép U+202E: 'a\\u202eb'"),
    ("a\u2028b", "lỗi: tham số thứ 8 chứa ký tự không được phép U+2028: 'a\\u2028b'"),
    ("a\ufdd0b", "lỗi: tham số thứ 8 chứa ký tự không được phép U+FDD0: 'a\\ufdd0b'"),
])
def test_hostile_characters_in_arguments_are_refused(workspace: Path, argument: str, message: str,
                                                     counts: Counter[str]) -> None:
    before = workspace_digest(workspace)
    code, _stdout, stderr = invoke(workspace, "report", "new", "vy-tu-lieu", "--ad-hoc", "--title", argument,
                                   "--no-edit")
    assert (code, stderr.splitlines()) == (1, [
        message, "  gợi ý: gõ lại lệnh; đừng dán ký tự lạ vào tên, tiêu đề hay đường dẫn"])
    assert workspace_digest(workspace) == before
    counts["hostile inputs tried"] += 1


def test_totals_are_exact_beyond_28_significant_digits(workspace: Path, tmp_path: Path,
                                                       counts: Counter[str]) -> None:
    """999999999999999 + 0.000000000000001 has 30 digits: the default decimal context kept 28."""
    week = workspace / "data/reports/2021/W39"
    for member, value in (("vy-tu-lieu", "999999999999999"), ("bui-thuy", "0.000000000000001")):
        path = week / f"{member}.yaml"
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.startswith("  hang-hoa-quy-doi:")]
        assert len(lines) == 1
        path.write_text(text.replace(lines[0], f"  hang-hoa-quy-doi: {value}"), encoding="utf-8")
    assert invoke(workspace, "check")[0] == 0
    out = tmp_path / "out"
    code, _stdout, stderr = invoke(workspace, "consolidate", "--week", "2021-W39", "--format", "md", "--out", str(out))
    assert code == 0, stderr
    markdown = (out / "tong-hop-tuan-2021-W39.md").read_text(encoding="utf-8")
    row = next(line for line in markdown.splitlines() if line.startswith("| 6 | Hàng hóa vận động được (quy đổi)"))
    assert row.split(" | ")[3] == "999.999.999.999.999,000000000000001"
    counts["hostile inputs tried"] += 1
