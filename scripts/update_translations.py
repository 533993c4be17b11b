#!/usr/bin/env python3
"""Extract every user-facing message, merge into the English catalog, compile it, list gaps.

    python scripts/update_translations.py            # refresh .pot/.po/.mo, list untranslated
    python scripts/update_translations.py --check    # exit 1 if anything is missing or stale (CI)
    python scripts/update_translations.py --apply en.json   # merge {"msgid": "English"} into the .po
    python scripts/update_translations.py --todo todo.json  # write the untranslated msgids as JSON

Messages are the Vietnamese texts in the code: literal arguments of ``_()`` (found with ``ast``,
which also sees calls inside f-strings), ``_("…")`` in the report skeleton's template (``skeleton/*.j2``),
the two literal forms of ``ngettext(singular, plural, n)``
(a plural entry: in the JSON files its English is a list, ``["1 problem form", "other form"]``),
command docstrings in ``dvcli/cli`` (Typer shows them as help), and the Vietnamese strings in
module-level message tables (``_MESSAGES = {...}``) that are passed to ``_()`` at run time.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import inspect
import io
import json
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "dvcli"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "dvcli.pot"
LANGUAGES = ("en",)
# fixed header dates: the files change only when the messages do
_EPOCH = dt.datetime(2021, 9, 13, tzinfo=dt.UTC)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "dvcli.po"


def mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "dvcli.mo"


def _is_user_text(text: str) -> bool:
    """Vietnamese, not merely typographic: a letter outside ASCII (an em dash is not enough)."""
    return any(ord(char) > 127 and char.isalpha() for char in text)


def _calls() -> Iterator[tuple[str, str]]:
    """Literal arguments of ``_()`` — also inside f-strings, which Babel's extractor skips."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and node.args[0].value):
                yield node.args[0].value, path.relative_to(ROOT).as_posix()


def _plural_calls() -> Iterator[tuple[tuple[str, str], str]]:
    """``ngettext("singular", "plural", n)``: a message with plural forms."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ngettext"
                    and len(node.args) == 3 and all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                                    for a in node.args[:2])):
                singular, plural = (a.value for a in node.args[:2])  # type: ignore[attr-defined]
                yield (singular, plural), path.relative_to(ROOT).as_posix()


def _docstrings_and_tables() -> Iterator[tuple[str, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if "cli" in path.relative_to(PACKAGE).parts:
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    doc = ast.get_docstring(node, clean=False)
                    if doc and _is_user_text(doc):
                        yield inspect.cleandoc(doc), where
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AnnAssign) and node.value is not None else []
            if not any(isinstance(t, ast.Name) and t.id.lstrip("_").isupper() for t in targets):
                continue
            value = node.value
            if not isinstance(value, ast.Dict | ast.Tuple | ast.List | ast.Set):
                continue
            for child in ast.walk(value):
                if isinstance(child, ast.Constant) and isinstance(child.value, str) and _is_user_text(child.value):
                    yield child.value, where


_TEMPLATE_CALL = re.compile(r"""\b_\(\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\)""")


def _template_calls() -> Iterator[tuple[str, str]]:
    """``_("…")`` in dvcli's own Jinja templates that go through the catalogue (the report skeleton)."""
    for path in sorted((PACKAGE / "skeleton").glob("*.j2")):
        for match in _TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8")):
            yield match.group(1) if match.group(1) is not None else match.group(2), path.relative_to(ROOT).as_posix()


def template() -> Catalog:
    catalog = Catalog(project="dvcli", version="", fuzzy=False)
    for message, where in [*_calls(), *_template_calls(), *_docstrings_and_tables()]:
        catalog.add(message, locations=[(where, None)] if message not in catalog else [])
    for forms, where in _plural_calls():
        catalog.add(forms, locations=[(where, None)] if forms[0] not in catalog else [])
    return catalog


def _key(message_id: str | tuple[str, ...]) -> str:
    """A message's key in the JSON files and the merge: its msgid (a plural's singular form)."""
    return message_id if isinstance(message_id, str) else message_id[0]


def _strings(value: object) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value] if isinstance(value, list | tuple) else []


def placeholders(text: str) -> set[str]:
    try:
        return {f"{name}:{spec}" for _lit, name, spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return set()


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, include_lineno=False, sort_output=True)
    # no tool version in the header: the files change only when the messages do
    return b"".join(line for line in buffer.getvalue().splitlines(keepends=True)
                    if not line.startswith(b'"Generated-By:'))


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def merged(lang: str, pot: Catalog, extra: dict[str, object] | None = None) -> Catalog:
    existing: dict[str, object] = {}
    if po_path(lang).is_file():
        with po_path(lang).open("rb") as handle:
            existing = {_key(m.id): m.string for m in read_po(handle) if m.id and any(_strings(m.string))}
    existing.update(extra or {})
    catalog = Catalog(locale=lang, project="dvcli", version="", fuzzy=False)
    catalog.revision_date = catalog.creation_date = _EPOCH
    for message in pot:
        if not message.id:
            continue
        known = existing.get(_key(message.id), "")
        if isinstance(message.id, tuple):  # plural forms: as many as the language has (English: 2)
            forms = _strings(known) if isinstance(known, list | tuple) else []
            count = catalog.num_plurals
            string: object = tuple((forms + [""] * count)[:count])
        else:
            string = known if isinstance(known, str) else ""
        catalog.add(message.id, string, locations=message.locations)
    return catalog


def _fixed(catalog: Catalog) -> Catalog:
    catalog.revision_date = catalog.creation_date = _EPOCH
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    return [_key(m.id) for m in catalog if m.id and (not _strings(m.string) or not all(_strings(m.string)))]


def plural(catalog: Catalog) -> set[str]:
    return {_key(m.id) for m in catalog if isinstance(m.id, tuple)}


def mismatched(catalog: Catalog) -> list[str]:
    return [_key(m.id) for m in catalog if m.id and all(_strings(m.string)) and _strings(m.string)
            and any(placeholders(_key(m.id)) != placeholders(text) for text in _strings(m.string))]


def expected_files(extra: dict[str, dict[str, object]] | None = None) -> dict[Path, bytes]:
    """Every catalog file as this script would write it now."""
    pot = _fixed(template())
    files = {POT: _po_bytes(pot)}
    for lang in LANGUAGES:
        catalog = merged(lang, pot, (extra or {}).get(lang))
        files[po_path(lang)] = _po_bytes(catalog)
        files[mo_path(lang)] = _mo_bytes(catalog)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when anything is missing or stale")
    parser.add_argument("--apply", type=Path, help="JSON {msgid: English} to merge into the English catalog")
    parser.add_argument("--todo", type=Path, help="write the untranslated msgids to this JSON file")
    args = parser.parse_args(argv)
    extra = {"en": json.loads(args.apply.read_text(encoding="utf-8"))} if args.apply else None
    files = expected_files(extra)
    stale = [path for path, content in files.items() if not path.is_file() or path.read_bytes() != content]
    with io.BytesIO(files[po_path("en")]) as handle:
        catalog = read_po(handle)
    missing, wrong = untranslated(catalog), mismatched(catalog)
    for message in missing:
        print(f"untranslated: {message!r}")
    for message in wrong:
        print(f"placeholders differ: {message!r}")
    if args.todo:
        plurals = plural(catalog)
        todo = {m: ["", ""] if m in plurals else "" for m in missing}
        args.todo.write_text(json.dumps(todo, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run: python scripts/update_translations.py)")
        return 1 if stale or missing or wrong else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"{len(catalog) - len(missing)} of {len(catalog)} messages translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
