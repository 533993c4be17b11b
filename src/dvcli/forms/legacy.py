"""Text typed in the old Vietnamese encodings (TCVN3/ABC with .VnTime fonts, VNI with VNI-Times fonts)
that a Word or Excel file carries as Latin-1 look-alikes ("Hµ Néi", "Haø Noäi"): detected and converted
to Unicode NFC.

TCVN3 is one byte a letter; VNI writes a base letter followed by a mark byte. Both are detected only by
characters that Unicode Vietnamese never uses (TCVN3: ``¸µ¶·¹¨©®ª«¬`` and the like; VNI: a vowel followed
by ``ø û ï õ ù â ê …``), so correct Unicode text is never touched.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (ABC) lower-case letters and the seven upper-case ones, as their Latin-1 look-alikes.
_TCVN3 = dict(zip(
    "¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉË®ÐÌÎÏÑªÕÒÓÔÖÝ×ØÜÞãßáâä«èåæçé¬íêëìîóïñòô\xadøõö÷ùýúûüþ¡¢§£¤¥¦",
    "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵĂÂĐÊÔƠƯ", strict=True))
# Characters of TCVN3 that no Unicode Vietnamese text contains (Unicode uses à á â ã è é ê ì í ò ó ô õ ù ú ý).
_TCVN3_ONLY = frozenset("¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉË®ÐÌÎÏÑªÕÒÓÔÖ×ØÜÞßäåæçë¬îïñö÷øûüþ¡¢§£¤¥¦") - frozenset("ÂÊÔ")

_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
# VNI: the mark byte after a vowel, per tone, for plain vowels and for â/ê/ô (circumflex) and ă (breve).
_VNI_PLAIN = "ùøûõï"
_VNI_HAT = "áàåãä"
_VNI_BREVE = "éèúüë"


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}

    def add(letter: str, code: str) -> None:
        table[unicodedata.normalize("NFC", letter)] = code
        upper = unicodedata.normalize("NFC", letter).upper()
        table[upper] = code.upper()

    for base in "aeouy":
        for tone, mark in zip(_TONES, _VNI_PLAIN, strict=True):
            if base == "y" and tone == "\u0323":
                add("ỵ", "î")
                continue
            add(base + tone, base + mark)
    for tone, mark in zip(_TONES, "íìæóò", strict=True):
        add("i" + tone, mark)
    for base in "aeo":
        add(base + "\u0302", base + "â")
        for tone, mark in zip(_TONES, _VNI_HAT, strict=True):
            add(base + "\u0302" + tone, base + mark)
    add("ă", "aê")
    for tone, mark in zip(_TONES, _VNI_BREVE, strict=True):
        add("a\u0306" + tone, "a" + mark)
    for letter, code in (("ơ", "ô"), ("ư", "ö")):
        add(letter, code)
        for tone, mark in zip(_TONES, _VNI_PLAIN, strict=True):
            add(letter + tone, code + mark)
    return {code: letter for letter, code in table.items()}


_VNI = _vni_table()
_VNI_KEYS = sorted(_VNI, key=len, reverse=True)
_VNI_PATTERN = re.compile("|".join(re.escape(key) for key in _VNI_KEYS))
_VNI_SIGN = re.compile(r"[aeouyAEOUY][øûïÏØÛâÂêÊåÅäÄëËüÜ]|[ôöÔÖ][ùøûõïÙØÛÕÏ]|ñ")


def detect(text: str) -> str | None:
    """"tcvn3", "vni", or None for text that is already Unicode (or has nothing to tell)."""
    if any(ord(char) > 0xFF for char in text):
        return None  # real Unicode Vietnamese (ă, ơ, ư, đ, ạ … are all beyond Latin-1)
    # TCVN3's most frequent letters (â ê ô ă đ ư ơ and the tones of a) are in ¡–¿, which VNI never uses
    if sum(1 for char in text if "\u00a1" <= char <= "\u00bf" and char in _TCVN3_ONLY or char == "\xad") >= 2:
        return "tcvn3"
    if len(_VNI_SIGN.findall(text)) >= 2:
        return "vni"
    if sum(1 for char in text if char in _TCVN3_ONLY) >= 2:
        return "tcvn3"
    return None


def convert(text: str, kind: str) -> str:
    if kind == "tcvn3":
        converted = "".join(_TCVN3.get(char, char) for char in text)
    else:
        converted = _VNI_PATTERN.sub(lambda match: _VNI[match.group(0)], text)
    return unicodedata.normalize("NFC", converted)
