"""Sentence-level prose rules of the synthesis: splitting, merging near-identical statements,
period wording, internal-only clauses, and the lower-case first letter of a title used mid-sentence.

Everything here is linear in the text it is given (a hash per sentence), except the near-identical
comparison, which is bounded per group (``NEAR_LIMIT``) so a 10,000-member week stays linear.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from ..names import fold_once

# A document's sentences and clauses, folded: each is folded when its housekeeping is looked for
# and again, soon after, when the Merger keys it. Their own memo, small, and not names.fold's: a
# week of 10,000 members' own words has ~130,000 distinct ones, which filled names.fold's 65,536
# entries with sentences: the command's peak 310 MB, 292 MB with this memo, the synthesis as fast
# (1.28-1.52 s then, 1.30-1.37 s now, three runs each).
fold_sentence = functools.lru_cache(maxsize=8192)(fold_once)

# "TP. Hồ Chí Minh", "ThS. Nguyễn": a short word before the period is an abbreviation, not an end
_END = re.compile(r"[.!?] (?=[\"“(]?[A-ZÀ-ỸĐ0-9])")  # in whitespace-normalised text: "." + one space
_ABBREVIATION = re.compile(r"(?:^|\s)[A-ZĐ][A-Za-zĐđ]{0,3}\.$")
NEAR = 0.86
"""Two statements whose folded texts match at least this much say the same thing: their longest
common subsequence is this share of their lengths (the normalised Indel similarity, rapidfuzz's
``fuzz.ratio``)."""
NEAR_LIMIT = 200
"""Above this many statements in one group only exact (folded) repeats are merged: pairwise
comparison would grow with the square of the group."""

# Clauses that belong to the group's own housekeeping, never to a report a leader reads: leave, who
# drafts the report, reminders to members (matched on folded text, so any spelling or case).
_INTERNAL = tuple(fold_once(text) for text in (
    "nghỉ phép", "nghỉ ốm", "nghỉ chế độ", "đồng chí Thư ký theo dõi thay", "dự thảo báo cáo",
    "tổng hợp báo cáo tuần", "tiếp nhận, tổng hợp báo cáo của các thành viên", "nhắc các thành viên",
    "báo cáo của các thành viên cơ bản gửi đúng hạn", "trình Tổ trưởng", "họp Tổ công tác",
))

_INTERNAL_FOUND = re.compile("|".join(map(re.escape, _INTERNAL))).search  # one scan, not one per marker

_PERIOD_WORDS = {"week": "tuần", "month": "tháng"}
_IN_WEEK = re.compile(r"\b([Tt])rong tuần(?:\s*\([^)]*\))?")
_NEXT_WEEK = re.compile(r"\btuần tới\b")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each ending with its own punctuation (a period added if none)."""
    pieces: list[str] = []
    for piece in _ends(" ".join(text.split())):
        if pieces and _ABBREVIATION.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif piece:
            pieces.append(piece)
    return [_closed(piece) for piece in pieces]


def _ends(text: str) -> list[str]:
    """``text`` cut after each sentence-ending mark followed by a space and a capital or digit.

    What ``re.split(r"(?<=[.!?])\\s+(?=…)")`` gives, found by the mark instead of a look-behind
    tried at every position (twice as fast: 64,640 sentences of 10,000 members' own words).
    """
    pieces, start = [], 0
    for found in _END.finditer(text):
        pieces.append(text[start:found.start() + 1])
        start = found.end()
    pieces.append(text[start:])
    return pieces


def _closed(sentence: str) -> str:
    sentence = sentence.strip().rstrip(",;:")
    return sentence if sentence[-1:] in ".!?…" else sentence + "."


def internal(clause: str) -> bool:
    return _INTERNAL_FOUND(fold_sentence(clause)) is not None


def without_internal(sentence: str) -> str:
    """The sentence with its internal-only clauses (``;``-separated) left out; "" when all are, or
    when the first is (the clauses after it build on it: "Báo cáo … gửi đúng hạn; nội dung bám …").

    A sentence of non-empty clauses whose folded text holds no marker is returned at once: a
    clause's fold is a run of the sentence's (``fold_once`` goes word by word, and ";" only separates),
    so none of its clauses can hold one — one fold and one scan instead of one per clause, and the
    fold is the one the ``Merger`` keys the sentence by. Not with "&", which ``fold_once`` takes whole.
    """
    clauses = [c.strip() for c in sentence.rstrip(".").split(";")]
    if all(clauses) and "&" not in sentence and _INTERNAL_FOUND(fold_sentence(sentence)) is None:
        return sentence
    if internal(clauses[0]):
        return ""
    kept = [c for c in clauses if c and not internal(c)]
    if len(kept) == len(clauses):
        return sentence
    if not kept:
        return ""
    return _closed(_upper_first("; ".join(kept)))


def period_wording(sentence: str, kind: str, next_label: str) -> str:
    """"Trong tuần (13/9–19/9), …" said right for the report's period: "Trong tháng, …" in a monthly
    report, the dates dropped (the title states them); "tuần tới" becomes the period's next one."""
    if "tuần" not in sentence:  # what both patterns need: most sentences are left as they are
        return sentence
    word = _PERIOD_WORDS.get(kind, "kỳ")
    sentence = _IN_WEEK.sub(lambda m: f"{m.group(1)}rong {word}", sentence)
    return _NEXT_WEEK.sub(next_label, sentence)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(title: str) -> str:
    """A title used after "báo cáo": "Tình hình người lao động" -> "tình hình người lao động";
    a proper name ("Hà Nội …", "TP. Hồ Chí Minh …", "COVID-19 …") keeps its capitals."""
    words = title.split()
    if not words or words[0].isupper() or len(words[0]) < 2:
        return title
    if len(words) > 1 and words[1][:1].isupper():
        return title
    return title[:1].lower() + title[1:]


class Merger:
    """Statements in first-seen order with repeats left out: exact ones (folded) anywhere in the
    document; within a group, near-identical ones (the longer wording kept, nothing of the other
    added: it says the same) and ones that share a clause ("…, dịch cơ bản được kiểm soát; Đà Nẵng
    nới lỏng …" week after week), whose new clauses are added to the first statement instead of
    repeating it."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def merge(self, statements: Iterable[str]) -> list[str]:
        near = nearness()

        kept: list[list[str]] = []  # each statement as its clauses
        sizes: list[int] = []  # len("; ".join(clauses)) of each, kept as they grow
        kept_clauses: list[set[str]] = []  # the folded clauses of each
        keys: list[str] = []
        clause_owner: dict[str, int] = {}
        for statement in statements:
            key = fold_sentence(statement)
            if not key or key in self._seen:
                continue
            self._seen.add(key)
            if ";" in statement:
                clauses = [c.strip() for c in statement.rstrip(".").split(";") if c.strip()]
                clause_keys = [fold_sentence(c) for c in clauses]
            else:  # one clause: folded, it is the statement's key (the closing period folds to nothing)
                clauses, clause_keys = [statement.rstrip(".").strip()], [key]
            owner = next((clause_owner[k] for k in clause_keys if k.count("-") >= 3 and k in clause_owner), None)
            if owner is None and len(keys) < NEAR_LIMIT:
                same = _near(near, key, keys)
                if same is not None:
                    size = len("; ".join(clauses))
                    if size > sizes[same]:
                        kept[same], kept_clauses[same], keys[same], sizes[same] = clauses, set(clause_keys), key, size
                    continue
            if owner is not None:
                present = kept_clauses[owner]
                added = [c for c, k in zip(clauses, clause_keys, strict=True) if k not in present]
                kept[owner] += added
                sizes[owner] += sum(len(c) + 2 for c in added)
                present.update(clause_keys)
                continue
            for k in clause_keys:
                clause_owner.setdefault(k, len(kept))
            kept.append(clauses)
            sizes.append(len("; ".join(clauses)))
            kept_clauses.append(set(clause_keys))
            keys.append(key)
        return [_closed("; ".join(clauses)) for clauses in kept]


def cut(statement: str, budget: int) -> tuple[str, list[str]]:
    """``statement`` within ``budget`` characters, and what did not fit: a statement that merged
    the new clauses of many others is cut after its last clause that fits (at least its first
    one), each clause after it a sentence of its own; one long clause is never cut."""
    if len(statement) <= budget:
        return statement, []
    clauses = [c.strip() for c in statement.rstrip(".").split(";") if c.strip()]
    size, count = len(clauses[0]), 1
    while count < len(clauses) and size + 2 + len(clauses[count]) + 1 <= budget:
        size += 2 + len(clauses[count])
        count += 1
    if count == len(clauses):
        return statement, []
    return _closed("; ".join(clauses[:count])), [_closed(_upper_first(c)) for c in clauses[count:]]


def nearness() -> Callable[[str, list[str]], list[tuple[str, float, int]]]:
    """Every kept key near a key, as (key, score, index): rapidfuzz's ``process.extract``, which
    compares one key with all the kept ones in C (imported only when a report's synthesis merges)."""
    from rapidfuzz import fuzz, process

    return functools.partial(process.extract, scorer=fuzz.ratio, score_cutoff=NEAR * 100, limit=None)


def _near(near: Callable[[str, list[str]], list[tuple[str, float, int]]], key: str, keys: list[str]) -> int | None:
    """The first kept key ``key`` is near-identical to (``NEAR``).

    difflib's ratio said this until a week of 10,000 members' own words spent 17 s in it (quadratic
    Python per pair, and its quick bounds pass almost any two sentences of one language and length).
    rapidfuzz computes the subsequence ratio in C, bit-parallel; it is never below difflib's (whose
    matching blocks are one common subsequence), so every pair difflib merged is still merged.
    """
    return min((index for _key, _score, index in near(key, keys)), default=None)
