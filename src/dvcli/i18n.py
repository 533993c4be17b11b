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


def language() -> str:
    return os.environ.get("DVCLI_LANG", "vi")


def _(message: str) -> str:
    """Translate ``message`` (Vietnamese) into the user's language."""
    global _translate
    if _translate is None:
        _translate = _load_catalog(language())
    return _translate(message)


def reset() -> None:
    """Forget the loaded catalog (after DVCLI_LANG changes, e.g. by ``--lang``)."""
    global _translate
    _translate = None


def _load_catalog(lang: str) -> Callable[[str], str]:
    if lang.startswith("vi"):
        return lambda message: message
    import gettext
    from pathlib import Path

    localedir = Path(__file__).parent / "locale"
    catalog = gettext.translation("dvcli", localedir=localedir, languages=[lang], fallback=True)
    return catalog.gettext


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
