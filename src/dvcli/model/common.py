"""Shared field types of the record types: slugs, texts, constraints, and the strict config.

The constraints (``Pattern``, ``MinLen``, ``Ge``, ``MaxDigits``) are pydantic's hook, not pydantic or
annotated-types objects, so that importing the record types imports neither: commands that read a
validated cache (``status`` on every run) never pay for them. Each sets the same core-schema key
pydantic's own constraint would, so validation errors and JSON Schema are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal


@dataclass(frozen=True)
class Pattern:
    """A regular-expression constraint on a string, understood by pydantic and JSON Schema.

    Written as pydantic's hook so that importing the record types does not import pydantic.
    """

    regex: str

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(pattern=self.regex)


@dataclass(frozen=True)
class MinLen:
    """At least ``length`` characters or items (``minLength``/``minItems`` in JSON Schema)."""

    length: int

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["min_length"] = self.length
        return schema


@dataclass(frozen=True)
class Ge:
    """A number greater than or equal to ``bound`` (``minimum`` in JSON Schema)."""

    bound: int

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["ge"] = self.bound
        return schema


@dataclass(frozen=True)
class MaxDigits:
    """A decimal of at most ``digits`` digits in all (``decimal_max_digits`` in pydantic's errors)."""

    digits: int

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["max_digits"] = self.digits
        return schema


# Ids are ASCII slugs so they work as file names on every system and in every shell.
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Pattern(SLUG)]
# Codes that become part of a file name (``data/issued/2021/01-BC-BDVTW/``): letters (Đ included:
# QĐ, HĐND), digits and inner hyphens, never "/", "." or "..". The bracketed form is the placeholder
# ``dvcli init`` writes (``[CQ]``), which issuing refuses by name.
CODE = r"^(?:[A-Za-z0-9Đđ]+(?:-[A-Za-z0-9Đđ]+)*|\[[A-Za-z0-9Đđ]+(?:-[A-Za-z0-9Đđ]+)*\])$"
Code = Annotated[str, Pattern(CODE)]
# Plan item numbers (I.1, II.2, III.5a) name assignment files (``II.2_2021-09-13.yaml``).
ITEM_ID = r"^[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*$"
ItemId = Annotated[str, Pattern(ITEM_ID)]
Text = Annotated[str, MinLen(1)]
# The tag of a union's branch starts so; ``schema`` leaves it out of the field an error names.
BRANCH = "~"


@dataclass(frozen=True)
class ByShape:
    """On ``Record | Scalar``: a mapping is validated as the record, anything else as the scalar.

    A plain union reports the errors of every branch (a bad ``files`` entry would also be "not a
    mapping" and "not text"); told apart by shape, a wrong entry gets its own kind's errors only.
    Built when pydantic builds the schema, like ``MaxDigits``: importing the model needs no pydantic.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        union = handler(source)
        record, scalar = (choice[0] if isinstance(choice, tuple) else choice for choice in union["choices"])
        return core_schema.tagged_union_schema(
            {f"{BRANCH}record": record, f"{BRANCH}value": scalar},
            lambda value: f"{BRANCH}record" if isinstance(value, dict) else f"{BRANCH}value")


# A file named by a record inside the record's own folder (an issued document's files): one plain
# name, never a folder, "..", a hidden file or a control character — it becomes a path.
FILE_NAME = r"^[^./\\\x00-\x1f\x7f][^/\\\x00-\x1f\x7f]*$"
FileName = Annotated[str, Pattern(FILE_NAME)]
Clock = Annotated[str, Pattern(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Phone = Annotated[str, Pattern(r"^\+?[0-9][0-9 .-]{7,14}$")]
Email = Annotated[str, Pattern(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]

Role = Literal["to-truong", "thanh-vien", "thu-ky"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Profile = Literal["dang", "nha-nuoc"]

# Every record type: unknown keys are errors, and field docstrings become schema descriptions.
STRICT = {"extra": "forbid", "use_attribute_docstrings": True}


# The largest data file dvcli reads, by kind: a guard against a file that is not a hand-written
# record (a pasted dump, a 1 GB file pushed by mistake), read no further than this. A report, an
# assignment or the plan is a few KB; a kind whose file grows with the group says so itself as
# ``MAX_FILE_BYTES`` (the roster: about 250 bytes a member).
MAX_FILE_BYTES = 5 * 1024 * 1024


def max_file_bytes(kind: type) -> int:
    """How large a file of record type ``kind`` may be."""
    return int(getattr(kind, "MAX_FILE_BYTES", MAX_FILE_BYTES))
