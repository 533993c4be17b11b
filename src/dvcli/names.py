"""Finding a member (or a vocabulary term) the way a person types it.

An id, a full name, or the name without diacritics and in any case all name the same member:
"Trần Vương Việt", "tran vuong viet", "TRAN-VUONG-VIET" and the NFD spelling are equal.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from .errors import NotFoundError
from .i18n import _


def fold_once(text: str) -> str:
    """A diacritic-, case- and separator-insensitive key (the slug of ``text``): ``fold`` without
    its memo of whole texts, for a caller that keeps its own (the synthesis' sentences).

    Made of memoised words: slugify costs ~25 µs a word-long call and more for a
    sentence, and a week of 10,000 reports folds the same names often and hundreds of thousands of
    distinct sentences made of a few thousand words. A space is a separator to slugify wherever it
    stands, so the slug of a text is its words' slugs joined by "-" (tests/test_fold.py holds them
    equal) — except where "&" may start an HTML entity: slugify decodes all of a text's numeric
    entities or none, so such a text is folded whole. (A translation table over every character,
    str.translate plus two regular expressions, was measured slower: a synthesis of 10,000
    members' own words took 2.96 s against these memoised words' 2.02 s.)
    """
    if "&" in text or " " not in text:
        return _slug(text)
    return "-".join(filter(None, map(_slug, text.split(" "))))


# Memoised: names, ids and vocabulary terms are folded again and again (a roster of 10,000
# members is 20,000 keys).
fold = functools.lru_cache(maxsize=65536)(fold_once)


@functools.lru_cache(maxsize=65536)
def _slug(text: str) -> str:
    from slugify import slugify  # python-slugify: Vietnamese đ/Đ and every accent handled

    return slugify(text, **_backend())


@functools.lru_cache(maxsize=1)
def _backend() -> dict[str, Any]:
    """The transliteration backend slugify's "auto" would pick, chosen once.

    "auto" retries ``import unidecode`` on every call when it is not installed — a failed
    import searches sys.path each time (~40 µs), most of the cost of folding 10,000 names.
    """
    import importlib.util
    import inspect

    from slugify import slugify

    if "backend" not in inspect.signature(slugify).parameters:
        return {}  # older python-slugify: no choice to make
    return {"backend": "unidecode" if importlib.util.find_spec("unidecode") else "text-unidecode"}


class Named(Protocol):
    @property
    def id(self) -> str: ...


N = TypeVar("N", bound=Named)


def resolve(query: str, candidates: Sequence[N], label: str, names: Sequence[str]) -> N:
    """The one candidate whose id or name (``names[i]``) matches ``query``.

    Raises ``NotFoundError`` naming the closest matches when none or several match.
    """
    key = fold(query)
    exact = [c for c in candidates if c.id == query]
    if exact:
        return exact[0]
    matches = [c for c, name in zip(candidates, names, strict=True) if key and key in (fold(c.id), fold(name))]
    if len(matches) == 1:
        return matches[0]
    shown = [f"{c.id} ({name})" for c, name in zip(candidates, names, strict=True)]
    if matches:
        raise NotFoundError(
            _("\"{q}\" trùng với nhiều {label}: {m}").format(q=query, label=label, m=", ".join(c.id for c in matches)),
            _("dùng id để chỉ rõ, ví dụ {id}").format(id=matches[0].id),
        )
    keys = {fold(c.id): s for c, s in zip(candidates, shown, strict=True)}
    keys.update({fold(name): s for name, s in zip(names, shown, strict=True)})
    close = [keys[k] for k in difflib.get_close_matches(key, list(keys), n=3, cutoff=0.5)]
    hint = _("có phải: {c}?").format(c="; ".join(dict.fromkeys(close))) if close else _(
        "xem danh sách bằng: dvcli members list")
    raise NotFoundError(_("không có {label} \"{q}\"").format(label=label, q=query), hint)
