"""The consolidated report as a leader reads it (issue 15): one text, each sentence once, the headline
figures the annex prints, no internal material in a report going up, the period's own wording, the
customary opening and closing — measured on the example data (``data/``) and on the prose rules.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dvcli.consolidation.prose import Merger, cut, lower_first, period_wording, sentences, without_internal
from dvcli.consolidation.synthesis import PARAGRAPH_BUDGET
from dvcli.names import fold

ROOT = Path(__file__).resolve().parent.parent
DATE = ["--date", "2021-09-28"]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthesis") / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    return root


def run(root: Path, *args: str) -> str:
    from dvcli.cli.app import app

    result = CliRunner().invoke(app, ["--data", str(root), "consolidate", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def body_of(markdown: str) -> str:
    """The document's text before the signature, without the header table and Markdown markup."""
    text = markdown.split("| <u>Nơi nhận:</u>")[0]
    text = text.split("</div>", 2)[-1]  # after the title block
    lines = [line for line in text.splitlines() if not line.startswith(("|", "<", "#"))]
    return re.sub(r"\*\*|\\", "", "\n".join(lines))


REPORTS = {
    "weekly": ["--week", "2021-W38", *DATE],
    "weekly-up": ["--week", "2021-W38", "--template", "bao-cao-ban", *DATE],
    "monthly-up": ["--month", "2021-10", "--template", "bao-cao-ban", "--date", "2021-10-15"],
    "ad-hoc": ["--ad-hoc", "Tình hình người lao động từ TP. Hồ Chí Minh về quê", "--from", "2021-09-27",
               "--to", "2021-10-03", "--date", "2021-10-03"],
}


@pytest.mark.parametrize("name", list(REPORTS))
def test_no_sentence_is_repeated_anywhere(example: Path, name: str) -> None:
    said = [fold(s) for s in sentences(body_of(run(example, *REPORTS[name])).replace("\n", " "))]
    repeated = {s: n for s, n in Counter(said).items() if n > 1}
    assert said and not repeated


@pytest.mark.parametrize("name", ["weekly", "weekly-up", "monthly-up"])
def test_every_headline_figure_in_the_text_is_the_annex_figure(example: Path, name: str) -> None:
    markdown = run(example, *REPORTS[name])
    body, annex = body_of(markdown), markdown.split("**Biểu 1.")[1].split("\n\n**")[0]
    rows = {cells[1]: cells[3] for cells in (
        [c.strip() for c in line.strip("|").split("|")] for line in annex.splitlines() if line.startswith("| "))}
    headline = body.split("Kết quả nổi bật trong ")[1].split(": ", 1)[1].split("\n")[0].rstrip(".")
    stated = [part.rsplit(": ", 1) for part in headline.split("; ")]
    assert len(stated) >= 5
    for label, figure in stated:
        assert figure.startswith(rows[label] + " ")  # "181 tổ" is Biểu 1's 181
    assert "mô hình hiệu quả được đề xuất nhân rộng." not in body  # no second count of models


def test_the_weekly_report_reads_as_one_text(example: Path) -> None:
    body = body_of(run(example, *REPORTS["weekly"]))
    assert "đ/c" not in body and "đối tượng:" not in body and "Toàn quốc:" not in body
    assert "kết quả, thuộc nhiệm vụ" not in body and "nộp muộn" not in body
    assert body.count("Trên phạm vi cả nước:") == 2  # one paragraph per area, in each of I.1 and I.2
    assert "Nghỉ phép" not in body and "Dự thảo báo cáo" not in body and "họp Tổ công tác" not in body


def test_a_report_going_up_leaves_out_what_is_internal_to_the_ban(example: Path) -> None:
    body = body_of(run(example, *REPORTS["monthly-up"]))
    assert "Đối với Lãnh đạo Ban" not in body and "Cơ quan Ban Dân vận" not in body
    assert "Dự thảo báo cáo tổng hợp tuần tới" not in body and "Nghỉ phép" not in body
    assert not re.search(r"\b[Tt]rong tuần\b", body)  # the period's own wording
    assert "Trong tháng," in body and "IV. NHIỆM VỤ THÁNG TỚI" in run(example, *REPORTS["monthly-up"])
    closing = "Trên đây là báo cáo kết quả công tác dân vận phòng, chống dịch COVID-19 tháng 10/2021"
    assert closing in body and "Ban Dân vận Trung ương kính báo cáo Thường trực Ban Bí thư và Tiểu ban" in body


def test_an_ad_hoc_report_opens_grammatically_and_is_named_for_its_subject(example: Path, tmp_path: Path) -> None:
    markdown = run(example, *REPORTS["ad-hoc"])
    assert ("Tổ công tác phòng, chống dịch COVID-19 của Ban báo cáo đột xuất về tình hình người lao động từ "
            "TP. Hồ Chí Minh về quê từ ngày 27/9 đến ngày 03/10/2021 như sau:") in markdown
    assert "**tình hình người lao động từ TP. Hồ Chí Minh về quê**<br>" in markdown
    run(example, *REPORTS["ad-hoc"], "--format", "md", "--out", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == [
        "dot-xuat-tinh-hinh-nguoi-lao-dong-tu-tp-ho-chi-minh-ve-que-2021-09-27_2021-10-03.md"]


# --- the prose rules -------------------------------------------------------------------------------------


def test_sentences_keep_abbreviations_and_close_each_sentence() -> None:
    assert sentences("TP. Hồ Chí Minh mở cửa từ 01/10. Người dân đồng tình; số ca giảm") == [
        "TP. Hồ Chí Minh mở cửa từ 01/10.", "Người dân đồng tình; số ca giảm."]


def test_period_wording_fits_the_period() -> None:
    text = "Trong tuần (20/9–26/9), nhân dân đồng thuận; tuần tới tiếp tục theo dõi."
    assert period_wording(text, "month", "tháng tới") == "Trong tháng, nhân dân đồng thuận; tháng tới tiếp tục theo dõi."
    assert period_wording(text, "week", "tuần tới") == "Trong tuần, nhân dân đồng thuận; tuần tới tiếp tục theo dõi."


def test_housekeeping_clauses_are_left_out() -> None:
    assert without_internal("Nghỉ phép từ 27/9 đến 03/10/2021; đồng chí Thư ký theo dõi thay.") == ""
    assert without_internal("Báo cáo của các thành viên cơ bản gửi đúng hạn; nội dung bám theo địa bàn.") == ""
    assert without_internal("Theo dõi tình hình người lao động; dự thảo báo cáo tuần.") == (
        "Theo dõi tình hình người lao động.")
    assert without_internal("Theo dõi tình hình người lao động.") == "Theo dõi tình hình người lao động."


def test_near_identical_statements_are_merged_and_shared_clauses_joined() -> None:
    merger = Merger()
    assert merger.merge(["Các tổ COVID cộng đồng tiếp tục được kiện toàn ở nhiều địa phương.",
                         "Các tổ Covid cộng đồng tiếp tục được kiện toàn ở nhiều địa phương",
                         "Tại miền Trung, dịch cơ bản được kiểm soát; Đà Nẵng tiếp tục giãn cách.",
                         "Tại miền Trung, dịch cơ bản được kiểm soát; Đà Nẵng nới lỏng từ 16/9."]) == [
        "Các tổ COVID cộng đồng tiếp tục được kiện toàn ở nhiều địa phương.",
        "Tại miền Trung, dịch cơ bản được kiểm soát; Đà Nẵng tiếp tục giãn cách; Đà Nẵng nới lỏng từ 16/9."]
    assert merger.merge(["Các tổ COVID cộng đồng tiếp tục được kiện toàn ở nhiều địa phương."]) == []  # said before


def test_a_near_identical_statement_adds_none_of_its_clauses() -> None:
    # the same two clauses in another member's words: the first wording stays as it is (before, every
    # clause of the second was added to it, and 10,000 members' own words made one 590,000-character
    # sentence)
    assert Merger().merge(["Vận động doanh nghiệp hỗ trợ 600 hộ ở xã 5; giá trị hỗ trợ khoảng 1,6 tỷ đồng ở xã 5.",
                           "Vận động doanh nghiệp hỗ trợ 600 hộ ở xã 9; giá trị hỗ trợ khoảng 1,6 tỷ đồng ở xã 9.",
                           "Vận động doanh nghiệp hỗ trợ 600 hộ ở xã 12; giá trị hỗ trợ khoảng 1,6 tỷ đồng."]) == [
        "Vận động doanh nghiệp hỗ trợ 600 hộ ở xã 5; giá trị hỗ trợ khoảng 1,6 tỷ đồng ở xã 5."]


def test_a_statement_that_merged_many_is_cut_at_a_clause_and_nothing_is_lost() -> None:
    merged = Merger().merge([f"Tình hình an ninh trật tự ổn định; xã {n} tổ chức tiêm vắc-xin cho {n} người."
                             for n in range(1, 200)])
    assert len(merged) == 1 and len(merged[0]) > 5 * PARAGRAPH_BUDGET
    head, rest = cut(merged[0], PARAGRAPH_BUDGET)
    assert len(head) <= PARAGRAPH_BUDGET and head.startswith("Tình hình an ninh trật tự ổn định; xã 1 tổ chức")
    assert head.endswith(".") and rest[0].startswith("Xã ") and all(r.endswith(".") for r in rest)
    assert [c.strip() for c in head.rstrip(".").split(";")] + [r[0].lower() + r[1:].rstrip(".") for r in rest] == [
        c.strip() for c in merged[0].rstrip(".").split(";")]
    assert cut("Một câu.", 3) == ("Một câu.", [])  # one clause is never cut
    assert cut("A; B.", 480) == ("A; B.", [])


def test_paragraphs_stay_short_when_thousands_write_their_own_words(tmp_path: Path) -> None:
    """A week of 300 members, each in their own words (``bench/example_workspace.py --own-words``):
    every paragraph of the body within the budget, what was cut listed in the draft."""
    import subprocess
    import sys

    import yaml

    subprocess.run([sys.executable, str(ROOT / "bench" / "example_workspace.py"), "300", "--own-words",
                    "--out", str(tmp_path / "ws")], check=True, capture_output=True)
    body = body_of(run(tmp_path / "ws", "--week", "2021-W38", *DATE))
    paragraphs = [line for line in body.splitlines() if line.strip()]
    lead = re.compile(r"^(Tại [^:]+|Trên phạm vi cả nước|[^:.]{2,90}|Đề xuất nhân rộng|Mô hình khác được ghi nhận):\s")
    too_long = [p for p in paragraphs if len(lead.sub("", p)) > PARAGRAPH_BUDGET and not p.startswith("Kết quả nổi bật")]
    assert len(paragraphs) > 20 and not too_long
    from dvcli.cli.app import app

    result = CliRunner().invoke(app, ["--data", str(tmp_path / "ws"), "consolidate", "--week", "2021-W38", "--draft",
                                      *DATE], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    draft = yaml.safe_load(next((tmp_path / "ws" / "data" / "drafts").glob("*.yaml")).read_text(encoding="utf-8"))
    left = {entry["id"]: entry.get("left_out", []) for entry in draft["sections"]}
    assert len(left["ket-qua/mo-hinh"]) > 100  # 300 models named, a paragraph's worth shown
    assert sum(len(items) for items in left.values()) > 300


def test_a_title_after_bao_cao_starts_lower_case_unless_it_is_a_name() -> None:
    assert lower_first("Tình hình người lao động") == "tình hình người lao động"
    assert lower_first("Hà Nội sau giãn cách") == "Hà Nội sau giãn cách"
    assert lower_first("COVID-19 ở khu nhà trọ") == "COVID-19 ở khu nhà trọ"
