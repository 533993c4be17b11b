"""The fast paths of ``render.md_escape`` and the prose ``Merger`` give exactly the answers of the
straightforward code they stand for (kept here as the reference): the three substitutions, and
the textbook longest common subsequence behind "near-identical" — which also merges every pair
difflib's ratio, the rule before it, merged."""

from __future__ import annotations

import difflib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dvcli.consolidation import prose
from dvcli.consolidation.prose import NEAR, Merger
from dvcli.render import md_escape

_INLINE = re.compile(r"([\\`\[\]|])")
_LINE_START = re.compile(r"^([ \t]{0,3})(#|=+[ \t]*$|-+[ \t]*$|~{3})", re.MULTILINE)
_CODE_INDENT = re.compile(r"^(?: {4}| {0,3}\t)[ \t]*", re.MULTILINE)


def _old_md_escape(value: object) -> str:
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _CODE_INDENT.sub("", text)
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2", text)


SPECIAL = "\\`[]|#=-~&<> \t\nađ1*_!()"


def test_md_escape_every_special_character_at_line_start_and_not() -> None:
    for char in SPECIAL:
        for text in (char, char * 3, f"x{char}", f"{char}x", f"   {char}", f"    {char}", f"\t{char}",
                     f"  \t{char}x", f"a\n{char}", f"a\n   {char}{char}{char} ", f"{char}\n{char}",
                     f"a {char} b", f"{char * 3}  \t", f"\n{char}"):
            assert md_escape(text) == _old_md_escape(text), repr(text)
    assert md_escape("-") == "\\-" and md_escape("  ===  ") == "  \\===  " and md_escape("~~~x") == "\\~~~x"
    assert md_escape("COVID-19 và 5K") == "COVID-19 và 5K"
    assert md_escape("    # mã") == "\\# mã"
    assert md_escape(12) == "12"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(SPECIAL), max_size=12))
def test_md_escape_matches_the_three_substitutions(text: str) -> None:
    assert md_escape(text) == _old_md_escape(text)


def _common(a: str, b: str) -> int:
    """The length of the longest common subsequence, by the textbook table."""
    row = [0] * (len(b) + 1)
    for char in a:
        previous = 0
        for j, other in enumerate(b, 1):
            previous, row[j] = row[j], previous + 1 if char == other else max(row[j], row[j - 1])
    return row[-1]


def _reference_near(key: str, keys: list[str]) -> int | None:
    for index, other in enumerate(keys):
        if 2 * _common(key, other) >= NEAR * (len(key) + len(other)) and key and other:
            return index
    return None


def _difflib_near(key: str, keys: list[str]) -> int | None:
    """The rule before rapidfuzz: difflib's ratio."""
    for index, other in enumerate(keys):
        if difflib.SequenceMatcher(None, key, other, autojunk=False).ratio() >= NEAR:
            return index
    return None


def _near(key: str, keys: list[str]) -> int | None:
    return prose._near(prose.nearness(), key, keys)


KEYS = ["cac-to-covid-cong-dong-tiep-tuc-duoc-kien-toan", "dich-co-ban-duoc-kiem-soat-da-nang-gian-cach",
        "abc", "ho-tro-nguoi-dan-kho-khan-tai-khu-phong-toa"]
QUERIES = [*KEYS, "cac-to-covid-cong-dong-tiep-tuc-kien-toan", "dich-co-ban-kiem-soat-da-nang-gian-cach",
           "abd", "x", "ho-tro-nguoi-dan-kho-khan-tai-khu-phong-toa-keo-dai", "ho-tro"]


def test_near_is_the_first_key_whose_common_subsequence_reaches_near() -> None:
    for query in QUERIES:
        assert _near(query, KEYS) == _reference_near(query, KEYS), query
    assert _near("abd", KEYS) is None and _near(KEYS[1], KEYS) == 1


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="ab-c", min_size=1, max_size=14), min_size=1, max_size=6),
       st.text(alphabet="ab-c", min_size=1, max_size=14))
def test_near_as_the_reference_computes_it_and_never_misses_what_difflib_merged(keys: list[str], key: str) -> None:
    assert _near(key, keys) == _reference_near(key, keys)
    before = _difflib_near(key, keys)
    if before is not None:  # difflib's blocks are a common subsequence: its pairs are all still near
        found = _near(key, keys)
        assert found is not None and found <= before


def test_a_few_words_moved_are_near_now() -> None:
    # difflib's longest-block-first matching lost most of the moved words (ratio 0.833); the longest
    # common subsequence keeps them (0.861): the same statement, merged once
    from dvcli.names import fold

    a = fold("Các tổ COVID cộng đồng tiếp tục được kiện toàn ở nhiều địa phương, vai trò của tổ được "
             "người dân đánh giá cao")
    b = fold("Các tổ nhiều COVID cộng đồng tiếp tục được kiện toàn ở địa phương, trò của tổ được người "
             "dân giá vai cao đánh")
    assert _difflib_near(a, [b]) is None
    assert _near(a, [b]) == _reference_near(a, [b]) == 0


def test_merger_near_duplicates_longer_one_kept_then_matched_against() -> None:
    merger = Merger()
    assert merger.merge(["Các tổ COVID cộng đồng được kiện toàn.",
                         "Các tổ COVID cộng đồng được kiện toàn tốt.",  # near, longer: replaces the first
                         "Các tổ COVID cộng đồng được kiện toàn tốt hơn.",  # near the replacement
                         "Người dân đồng thuận."]) == [
        "Các tổ COVID cộng đồng được kiện toàn tốt hơn.", "Người dân đồng thuận."]


# --- the sentence rules' fast paths -----------------------------------------------------------------

_OLD_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])")
PROSE = st.sampled_from([" ", ".", "!", "?", ";", ",", "…", "&", "&amp;", "\"", "“", "(", "'", "’", "\u0301",
                         "\u00b4", "TP", "A", "Đ", "ộ", "9", "1,6", "x", "nghỉ", "phép", "Nghỉ phép", "nghỉ ốm",
                         "dự thảo báo cáo", "họp Tổ công tác", "trình Tổ trưởng", "tổ", "họp", "-", "--"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(PROSE, max_size=16))
def test_sentence_ends_are_where_the_look_behind_split_put_them(pieces: list[str]) -> None:
    text = " ".join("".join(pieces).split())
    assert prose._ends(text) == _OLD_END.split(text)


def _old_without_internal(sentence: str) -> str:
    """The rule without its whole-sentence shortcut: every clause folded and scanned."""
    clauses = [c.strip() for c in sentence.rstrip(".").split(";")]
    if prose.internal(clauses[0]):
        return ""
    kept = [c for c in clauses if c and not prose.internal(c)]
    if len(kept) == len(clauses):
        return sentence
    if not kept:
        return ""
    return prose._closed(prose._upper_first("; ".join(kept)))


@settings(max_examples=3000, deadline=None)
@given(st.lists(PROSE, max_size=16))
def test_a_sentence_without_a_marker_anywhere_has_no_clause_to_leave_out(pieces: list[str]) -> None:
    for sentence in prose.sentences("".join(pieces)) or ["".join(pieces) or "."]:
        assert prose.without_internal(sentence) == _old_without_internal(sentence), sentence


def test_a_one_clause_statement_is_keyed_as_its_clause() -> None:
    # the Merger keys a statement without ";" by its own fold: the closing period folds to nothing
    for statement in ("Người dân đồng thuận.", "Tổ COVID cộng đồng…", "A&amp;B.", "TP.HCM.", "x"):
        assert prose.fold_sentence(statement.rstrip(".").strip()) == prose.fold_sentence(statement)
