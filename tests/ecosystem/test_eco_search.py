"""``dvcli search``: accent- and case-insensitive, file:line with the match marked, filters, json."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dvcli.cli.app import app
from dvcli.folding import Finder, fold, fold_with_map


@pytest.mark.parametrize(("text", "folded"), [
    ("Tôn Giáo", "ton giao"), ("Đắk Lắk", "dak lak"), ("ĐĂK LĂK", "dak lak"), ("Thủy", "thuy")])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_positions_of_decomposed_text() -> None:
    # NFD input: each base letter carries its combining marks; positions map to original characters
    folded, origin = fold_with_map("To\u0302n")
    assert folded == "ton"
    assert origin == [0, 1, 3]


def test_spans_cover_the_original_characters() -> None:
    line = "vận động chức sắc Tôn giáo, đồng bào Đắk Lắk"
    assert [line[s:e] for s, e in Finder(fold("TON GIAO")).find(line)] == ["Tôn giáo"]
    assert [line[s:e] for s, e in Finder(fold("dak lak")).find(line)] == ["Đắk Lắk"]
    assert Finder("d").find("ĐĐ đđ") == [(0, 1), (1, 2), (3, 4), (4, 5)]


def test_text_output_marks_the_match(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "ton giao"])
    assert result.exit_code == 0
    assert result.stdout == ("data/reports/2021/W37/nguyen-minh-duc.yaml:9: text: Phối hợp Thành ủy Hà Nội vận động "
                             "chức sắc [tôn giáo] tham gia tuyên truyền phòng, chống dịch.\n")
    assert result.stderr == "1 kết quả trong 1 tệp.\n"


def test_every_match_on_a_line_is_marked(reports_ws: Path, runner: CliRunner) -> None:
    report = reports_ws / "data" / "reports" / "2021" / "W38" / "bui-thuy.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "# Đắk Lắk và DAK LAK\n", encoding="utf-8")
    result = runner.invoke(app, ["search", "dak lak"])
    assert result.stdout.endswith("bui-thuy.yaml:" + str(len(report.read_text().splitlines()))
                                  + ": # [Đắk Lắk] và [DAK LAK]\n")


def test_json_gives_file_line_column(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "TAY NGUYEN", "--week", "2021-W38", "--format", "json"])
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits[0] == {"file": "data/reports/2021/W38/bui-thuy.yaml", "line": 5, "column": 27,
                       "text": "  overview: Miền Trung và Tây Nguyên cơ bản kiểm soát được dịch.",
                       "match": "Tây Nguyên"}
    assert all("/W38/" in hit["file"] or "/assignments/" in hit["file"] for hit in hits)


def test_week_filter_excludes_other_weeks(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "ton giao", "--week", "2021-W38"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == 'Không tìm thấy "ton giao".\n'


def test_member_filter(reports_ws: Path, runner: CliRunner) -> None:
    everyone = json.loads(runner.invoke(app, ["search", "dịch", "--format", "json"]).stdout)
    one = json.loads(runner.invoke(app, ["search", "dich", "--member", "nguyen minh duc", "--format", "json"]).stdout)
    assert {hit["file"] for hit in one} < {hit["file"] for hit in everyone}
    assert all("nguyen-minh-duc" in hit["file"] for hit in one)


def test_date_range_filter(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "ton giao", "--from", "13/09/2021", "--to", "19/09/2021"])
    assert result.exit_code == 0
    assert "W37/nguyen-minh-duc.yaml:9:" in result.stdout


def test_week_and_range_together_is_refused(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "x", "--week", "38", "--from", "2021-09-13", "--to", "2021-09-19"])
    assert result.exit_code == 1
    assert result.stderr == "lỗi: chỉ chọn một kỳ: --week, --from/--to\n  gợi ý: dùng --week, --month, hoặc --from cùng --to\n"


def test_from_without_to_is_refused(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "x", "--from", "2021-09-13"])
    assert result.exit_code == 1
    assert result.stderr.startswith("lỗi: thiếu --to\n")


def test_empty_query_is_refused(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "  "])
    assert result.exit_code == 1
    assert result.stderr == 'lỗi: thiếu nội dung cần tìm\n  gợi ý: ví dụ: dvcli search "ton giao"\n'


def test_unknown_member(reports_ws: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "x", "--member", "khong-co-ai"])
    assert result.exit_code == 1
    assert result.stderr.startswith('lỗi: không có thành viên "khong-co-ai"\n')


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=40), max_size=8),
       st.lists(st.sampled_from(["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85",
                                 "\u2028", "\u2029"]), min_size=8, max_size=8))
def test_folding_a_file_at_once_folds_every_line_as_alone(pieces: list[str], breaks: list[str]) -> None:
    # a file as search reads it: NFC, lines cut by any break splitlines() knows
    text = unicodedata.normalize("NFC", "".join(piece + brk for piece, brk in zip(pieces, breaks, strict=False)))
    assert fold(text).splitlines() == [fold(line) for line in text.splitlines()]


def _reference_fold_with_map(text: str) -> tuple[str, list[int]]:
    # the definition: fold character by character, each folded character pointing at its original
    from dvcli.folding import fold_char

    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAđĐôÔ\u0302\u0301ếẾ ﬁİß\u0300x"), max_size=30))
def test_folding_with_a_map_is_character_by_character_folding(text: str) -> None:
    folded, origin = fold_with_map(text)
    expected_folded, expected_origin = _reference_fold_with_map(text)
    assert (folded, list(origin)) == (expected_folded, expected_origin)


def _reference_hits(text: str, needle: str) -> list[tuple[int, int, int]]:
    # the definition: each line folded character by character, str.find in it
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        folded, origin = _reference_fold_with_map(line)
        start = folded.find(needle)
        while needle and start != -1:
            end = start + len(needle)
            found.append((number, origin[start] + 1, origin[end - 1] + 1 - origin[start]))
            start = folded.find(needle, end)
    return found


_FINDER_ALPHABET = "aAoOôÔơƠóÓốỐđĐdD n\u0302\u0301\u0300ﬁİßΣσς한\n\r\x85\u2028x"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(_FINDER_ALPHABET), max_size=60), min_size=1, max_size=6),
       st.text(alphabet=st.sampled_from(_FINDER_ALPHABET), min_size=1, max_size=4))
def test_the_finder_finds_what_folding_every_line_finds(texts: list[str], query: str) -> None:
    # one Finder over several files, as search uses it: the classes learnt from earlier files must
    # never hide or invent a match in a later one, whatever characters it holds
    from dvcli.services.search import _hits

    needle = fold(query.strip())
    finder = Finder(needle)
    for text in (unicodedata.normalize("NFC", t) for t in texts):
        got = [(hit.line, hit.column, hit.length) for hit in _hits("f", text, finder.find(text))]
        assert got == _reference_hits(text, needle)
