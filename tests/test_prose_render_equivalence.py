"""The fast paths of ``render.md_escape`` and the prose ``Merger`` give exactly the answers of the
straightforward code they replaced (kept here as the reference)."""

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


def _old_near(key: str, keys: list[str]) -> int | None:
    for index, other in enumerate(keys):
        matcher = difflib.SequenceMatcher(None, key, other, autojunk=False)
        if matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR and matcher.ratio() >= NEAR:
            return index
    return None


def test_near_reuses_one_matcher_per_kept_key_with_the_same_answers() -> None:
    keys = ["cac-to-covid-cong-dong-tiep-tuc-duoc-kien-toan", "dich-co-ban-duoc-kiem-soat-da-nang-gian-cach",
            "abc", "", "ho-tro-nguoi-dan-kho-khan-tai-khu-phong-toa"]
    queries = [*keys, "cac-to-covid-cong-dong-tiep-tuc-kien-toan", "dich-co-ban-kiem-soat-da-nang-gian-cach",
               "abd", "x", "ho-tro-nguoi-dan-kho-khan-tai-khu-phong-toa-keo-dai", "ho-tro"]
    matchers = [prose._matcher(k) for k in keys]
    for query in queries * 2:  # the second round: matchers already used for other queries
        assert prose._near(query, matchers) == _old_near(query, keys), query


def test_merger_near_duplicates_longer_one_kept_then_matched_against() -> None:
    merger = Merger()
    assert merger.merge(["Các tổ COVID cộng đồng được kiện toàn.",
                         "Các tổ COVID cộng đồng được kiện toàn tốt.",  # near, longer: replaces the first
                         "Các tổ COVID cộng đồng được kiện toàn tốt hơn.",  # near the replacement
                         "Người dân đồng thuận."]) == [
        "Các tổ COVID cộng đồng được kiện toàn tốt hơn.", "Người dân đồng thuận."]
