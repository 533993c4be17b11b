"""Message translation.

User-facing text is written in Vietnamese in the code (the product's default language) and
wrapped in ``_()``. Other languages come from gettext catalogs under ``locale/``; this module
is imported everywhere, so it stays tiny and loads a catalog only when one is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

_translate: Callable[[str], str] | None = None
_plural: Callable[[str, str, int], str] | None = None

LANGUAGES = ("vi", "en")  # the languages dvcli speaks: Vietnamese (the default) and English


def supported(value: str) -> str | None:
    """The language ``value`` names (``en``, ``en_US.UTF-8``, ``vi-VN``…), or None if dvcli does not speak it."""
    base = value.strip().replace("-", "_").split(".", 1)[0].split("_", 1)[0].lower()
    return base if base in LANGUAGES else None


def language() -> str:
    """The user's language: ``DVCLI_LANG`` when it names a supported one (the CLI refuses any other), else vi."""
    return supported(os.environ.get("DVCLI_LANG", "vi")) or "vi"


def _(message: str) -> str:
    """Translate ``message`` (Vietnamese) into the user's language."""
    global _translate
    if _translate is None:
        _translate = _load_catalog(language())
    return _translate(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that counts ``n`` things, in the plural form the user's language uses for ``n``.

    Vietnamese has one form (``singular`` and ``plural`` are usually the same words); the catalog
    gives English its two ("1 problem", "2 problems"). Format the result with ``n`` as usual.
    """
    global _plural
    if _plural is None:
        _plural = _load_plural(language())
    return _plural(singular, plural, n)


def reset() -> None:
    """Forget the loaded catalog (after DVCLI_LANG changes, e.g. by ``--lang``)."""
    global _translate, _plural
    _translate = _plural = None


def _catalog(lang: str) -> Any:
    import gettext
    from pathlib import Path

    localedir = Path(__file__).parent / "locale"
    return gettext.translation("dvcli", localedir=localedir, languages=[lang], fallback=True)


def _load_catalog(lang: str) -> Callable[[str], str]:
    if lang == "vi":
        return lambda message: message
    return _catalog(lang).gettext  # type: ignore[no-any-return]


def _load_plural(lang: str) -> Callable[[str, str, int], str]:
    if lang == "vi":
        return lambda singular, plural, n: singular
    return _catalog(lang).ngettext  # type: ignore[no-any-return]


def catalog_reverse() -> dict[str, str]:
    """Every translation mapped back to its Vietnamese message id.

    Help texts are built when modules are imported, possibly in another language than the one
    finally chosen; this lets them be re-translated from their message id.
    """
    import gettext
    from pathlib import Path

    reverse: dict[str, str] = {}
    for mo in sorted((Path(__file__).parent / "locale").glob("*/LC_MESSAGES/dvcli.mo")):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)
        messages: dict[Any, str] = getattr(catalog, "_catalog", {})
        reverse.update({msgstr: msgid for msgid, msgstr in messages.items() if isinstance(msgid, str) and msgid})
    return reverse
