"""(d) A catalogue of hostile input: each is refused with a clear message (exit 1, nothing on disk
changes) or stored and rendered safely.

File fixtures live in ``hostile/`` (the 50 MB file is generated here, never committed); the table
below is the catalogue: what is given, and the first line of what dvcli answers.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from reliability_support import git, seeded_workspace, workspace_digest
from typer.testing import CliRunner

from dvcli import yamlio
from dvcli.cli.app import app

# The reliability suite is long (real processes, kills, clones): CI runs it, the README command does not.
pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).with_name("hostile")
REPORT = "data/reports/2021/W40/vy-tu-lieu.yaml"
runner = CliRunner()

# fixture file → first line of stderr ({F} is the fixture's path); every one exits 1
REFUSED_FILES = {
    "malformed": "{F}:6: lỗi cú pháp YAML: thiếu dấu ':' sau tên trường",
    "tabs": "{F}:5: dòng thụt lề bằng ký tự tab",
    "duplicate-key": "{F}:3: period: trường 'period' bị lặp lại",
    "wrong-type": "{F}:7: results: phải là danh sách",
    "unknown-member": "{F}:1: member: báo cáo này là của vy-tu-lieu 2021-W40 nhưng member là \"nguoi-la\"",
    "unknown-task": "{F}:8: results[0].task: kế hoạch không có mục \"IX.9\"",
    "unknown-indicator": "{F}:11: indicators.so-ca-benh: kế hoạch không có chỉ tiêu \"so-ca-benh\"",
    "negative-indicator": "{F}:11: indicators.to-covid-cong-dong: phải lớn hơn hoặc bằng 0",
    "non-numeric-indicator": "{F}:11: indicators.to-covid-cong-dong: \"ba tổ\" không phải số",
    "impossible-date": "{F}:3: submitted: \"2021-02-30 09:30\" không phải thời điểm hợp lệ",
    "impossible-week": "{F}:2: period: báo cáo này là của vy-tu-lieu 2021-W40 nhưng period là \"2021-W54\"",
    "windows-1258": "{F}:5: tệp không phải mã UTF-8 (byte 0xe2)",
    "binary": "{F}: tệp chứa dữ liệu nhị phân, không phải văn bản YAML",
    # the budget is 200,000 nodes plus one a byte of the file: where it runs out depends on the size
    "alias-bomb": "{F}:2: f[1][8][0][0][8][3]: tệp có quá nhiều nút YAML (bom alias?)",
    "python-object": "{F}:4: situation: thẻ YAML không được phép: tag:yaml.org,2002:python/object/apply:os.system",
    "control-chars": "{F}:5: tệp chứa ký tự điều khiển không được phép (mã 0x001b)",
    "escaped-nul": "{F}:5: situation.overview: giá trị chứa ký tự điều khiển không được phép (mã 0x0000)",
    "two-documents": "{F}:13: lỗi cú pháp YAML: tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)",
    "not-a-mapping": "{F}:1: báo cáo phải là bảng các trường (member: …)",
    "empty": "lỗi: tệp {F} trống",
}

# periods out of the plan's time, the command and the file agreeing
REFUSED_PERIODS = {
    "2021-W20": "{F}:2: period: kỳ 2021-W20 nằm ngoài thời gian của kế hoạch (từ 2021-09-13)",
    "2999-W40": "{F}:2: period: kỳ 2999-W40 nằm ngoài thời gian của kế hoạch (từ 2021-09-13)",
}

# command lines → first line of stderr; every one exits 1
REFUSED_ARGUMENTS: list[tuple[list[str], str]] = [
    (["report", "new", "../../etc/passwd", "--week", "2021-W40", "--from-file", "{BASE}"],
     'lỗi: không có thành viên "../../etc/passwd"'),
    (["report", "new", "/etc/passwd", "--week", "2021-W40", "--from-file", "{BASE}"],
     'lỗi: không có thành viên "/etc/passwd"'),
    (["report", "new", "vy-tu-lieu/../../x", "--week", "2021-W40", "--from-file", "{BASE}"],
     'lỗi: không có thành viên "vy-tu-lieu/../../x"'),
    (["report", "new", "vy-tu-lieu\x00", "--week", "2021-W40", "--from-file", "{BASE}"],
     "lỗi: tham số thứ 5 chứa ký tự điều khiển (mã 0x0000): 'vy-tu-lieu\\x00'"),
    (["report", "new", "vy-tu-lieu", "--ad-hoc", "--title", "a\x00b", "--no-edit"],
     "lỗi: tham số thứ 8 chứa ký tự điều khiển (mã 0x0000): 'a\\x00b'"),
    (["report", "new", "vy-tu-lieu", "--ad-hoc", "--title", "đỏ\x1b[31m", "--no-edit"],
     "lỗi: tham số thứ 8 chứa ký tự điều khiển (mã 0x001b): 'đỏ\\x1b[31m'"),
    (["report", "new", "vy-tu-lieu", "--week", "2021-W40", "--from-file", "{BASE}\x00.yaml"],
     "lỗi: tham số thứ 9 chứa ký tự điều khiển (mã 0x0000): '{BASE}\\x00.yaml'"),
    (["consolidate", "--week", "2021-W39", "--format", "md", "--out", "out\x00/x"],
     "lỗi: tham số thứ 9 chứa ký tự điều khiển (mã 0x0000): 'out\\x00/x'"),
    (["consolidate", "--week", "2021-W39", "--format", "md", "--template", "../../../etc/passwd", "--out", "{OUT}"],
     'lỗi: kế hoạch không khai mẫu báo cáo "../../../etc/passwd" (reporting.documents)'),
    (["consolidate", "--week", "2021-W39", "--format", "md", "--template", "/etc/passwd", "--out", "{OUT}"],
     'lỗi: kế hoạch không khai mẫu báo cáo "/etc/passwd" (reporting.documents)'),
    (["templates", "copy", "../../../../tmp/evil"], 'lỗi: không có mẫu "../../../../tmp/evil" trong gói dvcli'),
    (["report", "show", "../../etc/passwd"], 'lỗi: không có thành viên "../../etc/passwd"'),
    (["assign", "vy-tu-lieu", "--task", "../II.2", "--from", "2021-09-20"], 'lỗi: kế hoạch không có mục "../II.2"'),
    (["members", "show", "../x"], 'lỗi: không có thành viên "../x"'),
]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return seeded_workspace(tmp_path / "ws")


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def assert_refused(root: Path, args: list[str], first_line: str) -> None:
    before, head = workspace_digest(root), git(root, "rev-parse", "HEAD").stdout
    code, stdout, stderr = invoke(root, *args)
    assert (code, stderr.splitlines()[:1]) == (1, [first_line]), stderr
    assert "gợi ý:" in stderr  # every refusal says how to fix it
    assert "Traceback" not in stdout + stderr
    assert workspace_digest(root) == before  # no existing file changed, no file added
    assert git(root, "rev-parse", "HEAD").stdout == head


def test_hostile_files_are_refused(workspace: Path, tmp_path: Path, counts: Counter[str]) -> None:
    for name, expected in REFUSED_FILES.items():
        source = HOSTILE / f"{name}.yaml"
        assert_refused(workspace, ["report", "new", "vy-tu-lieu", "--week", "2021-W40", "--from-file", str(source)],
                       expected.format(F=source))
        counts["hostile inputs tried"] += 1


def test_a_50_mb_file_is_refused_unread(workspace: Path, tmp_path: Path, counts: Counter[str]) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"member: vy-tu-lieu\nperiod: 2021-W40\nsituation:\n  overview: ")
        chunk = "Tình hình ổn định. ".encode() * 4096
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
        handle.write(b"\n")
    assert_refused(workspace, ["report", "new", "vy-tu-lieu", "--week", "2021-W40", "--from-file", str(big)],
                   f"{big}: tệp quá lớn (hơn 5242880 byte)")
    counts["hostile inputs tried"] += 1


@pytest.mark.parametrize("week", sorted(REFUSED_PERIODS))
def test_periods_outside_the_plan(workspace: Path, tmp_path: Path, week: str, counts: Counter[str]) -> None:
    source = tmp_path / f"{week}.yaml"
    source.write_text((HOSTILE / "base.yaml").read_text(encoding="utf-8").replace("2021-W40", week), encoding="utf-8")
    assert_refused(workspace, ["report", "new", "vy-tu-lieu", "--week", week, "--from-file", str(source)],
                   REFUSED_PERIODS[week].format(F=source))
    counts["hostile inputs tried"] += 1


@pytest.mark.parametrize(("args", "expected"), REFUSED_ARGUMENTS, ids=[str(i) for i in range(len(REFUSED_ARGUMENTS))])
def test_hostile_arguments_are_refused(workspace: Path, tmp_path: Path, args: list[str], expected: str,
                                       counts: Counter[str]) -> None:
    values = {"BASE": str(HOSTILE / "base.yaml"), "OUT": str(tmp_path / "out")}
    assert_refused(workspace, [arg.format(**values) for arg in args], expected.format(**values))
    assert not (tmp_path / "out").exists()
    counts["hostile inputs tried"] += 1


_SLUG_ERROR = 'data/members.yaml:51: members[0].id: giá trị "{v}" không đúng dạng'


@pytest.mark.parametrize(("edit", "expected"), [
    (("id: vy-tu-lieu", "id: ../vy-tu-lieu"), _SLUG_ERROR.format(v="../vy-tu-lieu")),
    (("id: vy-tu-lieu", "id: /etc/passwd"), _SLUG_ERROR.format(v="/etc/passwd")),
    (("id: vy-tu-lieu", "id: Vy-Tu-Lieu"), _SLUG_ERROR.format(v="Vy-Tu-Lieu")),
    (("id: vy-tu-lieu", "id: vy-tư-liệu"), _SLUG_ERROR.format(v="vy-tư-liệu")),
    (("id: bui-thuy", "id: vy-tu-lieu"), 'data/members.yaml:95: members[6].id: id thành viên "vy-tu-lieu" bị trùng'),
])
def test_hostile_member_ids_fail_check(workspace: Path, edit: tuple[str, str], expected: str,
                                       counts: Counter[str]) -> None:
    members = workspace / "data" / "members.yaml"
    members.write_text(members.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
    before = workspace_digest(workspace)
    code, _stdout, stderr = invoke(workspace, "check")
    assert (code, stderr.splitlines()[0]) == (1, expected), stderr
    assert workspace_digest(workspace) == before
    counts["hostile inputs tried"] += 1


@pytest.mark.parametrize("name", ["Vy Tu Lieu", "VY TƯ LIỆU", "vy tư liệu"])
def test_names_differing_only_by_case_or_accents_fail_check(workspace: Path, name: str, counts: Counter[str]) -> None:
    members = workspace / "data" / "members.yaml"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace("    name: Nguyễn Minh Đức\n", f"    name: {name}\n", 1), encoding="utf-8")
    before = workspace_digest(workspace)
    code, _stdout, stderr = invoke(workspace, "check")
    assert code == 1
    assert stderr.splitlines()[0] == (f'data/members.yaml:60: members[1].name: "{name}" (nguyen-minh-duc) trùng với '
                                      '"Vy Tư Liệu" (vy-tu-lieu) khi bỏ dấu và chữ hoa'), stderr
    assert workspace_digest(workspace) == before
    counts["hostile inputs tried"] += 1


@pytest.mark.parametrize("name", ["nfd", "bom", "crlf"])
def test_encodings_are_stored_as_nfc_utf8_lf(workspace: Path, name: str, counts: Counter[str]) -> None:
    before = workspace_digest(workspace)
    code, _stdout, stderr = invoke(workspace, "report", "new", "vy-tu-lieu", "--week", "2021-W40", "--from-file",
                                   str(HOSTILE / f"{name}.yaml"))
    assert code == 0, stderr
    after = workspace_digest(workspace)
    assert set(after) - set(before) == {REPORT}
    assert {key: after[key] for key in before} == before  # nothing existing changed
    raw = (workspace / REPORT).read_bytes()
    text = raw.decode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf") and "\r" not in text
    assert text == unicodedata.normalize("NFC", text)
    assert yamlio.load(workspace / REPORT)["situation"]["overview"] == "Tình hình nhân dân trên địa bàn ổn định."
    counts["hostile inputs tried"] += 1


def test_template_syntax_and_html_in_report_text_render_as_literal_text(
        workspace: Path, tmp_path: Path, counts: Counter[str]) -> None:
    jinja = "{{ 7*7 }} {% for x in range(3) %}X{% endfor %} {{ self.__init__.__globals__ }}"
    html = "<script>alert(1)</script><b>đậm</b> & <img src=x onerror=alert(2)>"
    code, _o, stderr = invoke(workspace, "report", "new", "vy-tu-lieu", "--week", "2021-W40", "--from-file",
                              str(HOSTILE / "jinja-text.yaml"))
    assert code == 0, stderr
    other = tmp_path / "html.yaml"
    other.write_text((HOSTILE / "html-text.yaml").read_text(encoding="utf-8").replace("vy-tu-lieu", "bui-thuy"),
                     encoding="utf-8")
    code, _o, stderr = invoke(workspace, "report", "new", "bui-thuy", "--week", "2021-W40", "--from-file", str(other))
    assert code == 0, stderr
    assert yamlio.load(workspace / REPORT)["situation"]["overview"] == jinja  # stored verbatim
    assert yamlio.load(workspace / REPORT.replace("vy-tu-lieu", "bui-thuy"))["situation"]["overview"] == html
    out = tmp_path / "out"
    code, _o, stderr = invoke(workspace, "consolidate", "--week", "2021-W40", "--format", "md,html,docx",
                              "--out", str(out))
    assert code == 0, stderr
    markdown = (out / "tong-hop-tuan-2021-W40.md").read_text(encoding="utf-8")
    page = (out / "tong-hop-tuan-2021-W40.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "tong-hop-tuan-2021-W40.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    for rendered in (markdown, page, document):
        assert "{{ 7*7 }}" in rendered and "{% for x in range(3) %}X{% endfor %}" in rendered  # not evaluated
        assert "49" not in rendered.split("{{ 7*7 }}")[1][:5]
        assert "__globals__ }}" in rendered and "<function" not in rendered
    assert "<script>" not in page and "<img src=x" not in page and "<b>đậm</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document  # XML-escaped in Word as well
    counts["hostile inputs tried"] += 2
