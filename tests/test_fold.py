"""``names.fold`` folds a text word by word (memoised words) and must say exactly what slugify
says of the whole text: it keys members, terms and every repeated statement of a report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from slugify import slugify

from dvcli import names

# what report text is made of, and what could make a word-by-word slug differ from a whole one:
# spaces of every kind, apostrophes (slugify's quote rule), digit groups ("1,000"), HTML entities
# (numeric ones decoded all-or-nothing per text), combining marks after a space, compatibility
# characters that decompose to a space (U+00B4, U+00A0), separators and dashes
PIECES = st.sampled_from([
    " ", "  ", "\u00a0", "\t", "\n", "\u00b4", "\u0301", "'", "’", ",", "1,000", "-", "--", "_", ".", ";",
    "&amp;", "&#65;", "&#x41;", "&#99999999;", "&", "#", "đ", "Đ", "ư", "ộ", "Nghỉ", "phép", "TP.", "Hồ",
    "COVID-19", "ß", "Æ", "ﬁ", "Ω", "中", "😀", "a", "Z", "0", "9",
])


@settings(max_examples=300)
@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=12))
def test_a_folded_text_is_its_whole_slug(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert names.fold(text) == slugify(text, **names._backend())


def test_words_fold_as_the_whole_sentence_did() -> None:
    sentence = "Trong tuần, Tổ COVID cộng đồng ở TP. Hồ Chí Minh hỗ trợ 1,000 hộ; nghỉ phép"
    assert names.fold(sentence) == "trong-tuan-to-covid-cong-dong-o-tp-ho-chi-minh-ho-tro-1000-ho-nghi-phep"
    # numeric entities: slugify decodes all of a text's or none (one invalid), so it stays whole
    assert names.fold("&#65; &#99999999;") == slugify("&#65; &#99999999;") == "65-99999999"
