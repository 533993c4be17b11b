"""Issued documents and documents prepared for signature (docs/issued-record.md describes the format).

``data/issued/<year>/<nn>-<type>-<issuer>/issued.yaml`` records one released document: its number
and date, how it was released (a digitally signed PDF, a scan of a paper-signed copy, or dvcli's
own rendering in one step), the signatures verified, the git commit its sources were read at and
each source's git blob id, and each issued file's blob id. ``thu-hoi.yaml`` beside it records a
revocation. ``data/prepared/<id>/prepared.yaml`` records a document rendered for signature, with
no number taken yet. Every field is written once and never edited: a correction is a new record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from .common import STRICT, ByShape, Code, FileName, Ge, Pattern, Slug, Text

GitObject = Annotated[str, Pattern(r"^([0-9a-f]{40}|[0-9a-f]{64})$")]
"""A git object id (SHA-1, or SHA-256 in a repository that uses it)."""


@dataclass(frozen=True)
class Source:
    """One file the document was made from, as git stores it in ``commit``."""

    __pydantic_config__ = STRICT
    path: Text
    blob: GitObject | None = None
    """The file's git blob id at issue: the same in every clone, whatever its line endings."""
    sha256: Annotated[str, Pattern(r"^[0-9a-f]{64}$")] | None = None
    """Records written before blob ids (dvcli ≤ 0.1): the sha256 of the bytes read. Informative only."""


@dataclass(frozen=True)
class IssuedFile:
    """One file of the issued folder and its git blob id (it must never change)."""

    __pydantic_config__ = STRICT
    name: FileName
    blob: GitObject


@dataclass(frozen=True)
class SignatureCheck:
    """One digital signature of a registered PDF, as verified at registration."""

    __pydantic_config__ = STRICT
    field: Text
    """The signature field's name in the PDF."""
    signer: Text
    """The signer certificate's subject, e.g. ``Common Name: Nguyễn Văn A, Organization: …``."""
    issuer: Text
    serial: Text
    signing_time: dt.datetime | None
    """The time the signer's software put in the signature (not a timestamp authority's)."""
    intact: bool
    """The signed bytes are exactly those the signer signed."""
    trusted: bool
    """The certificate chains to a trust anchor of the machine that registered it."""
    covers: Text
    """``entire-file``, ``entire-revision`` (later additions allowed by the form) or ``partial``."""


@dataclass(frozen=True)
class Issued:
    """Bản ghi một văn bản đã ban hành: số, ngày, cách phát hành, chữ ký, nguồn và tệp."""

    __pydantic_config__ = STRICT
    number: Annotated[int, Ge(1)]
    type_code: Code
    issuer_code: Code
    symbol: Text
    """Số, ký hiệu như in trên văn bản, ví dụ 25-BC/BDVTW."""
    template: Text
    date: dt.date
    start: dt.date
    end: dt.date
    title: Text
    sources: list[Source]
    files: list[Annotated[IssuedFile | FileName, ByShape()]]
    """Each issued file with its blob id (records written by dvcli ≤ 0.1 list names only)."""
    ad_hoc: bool = False
    release: Literal["signed-pdf", "paper", "one-step"] = "one-step"
    """How it was released: a digitally signed PDF, a scan of a paper-signed copy, or dvcli's rendering."""
    original: FileName | None = None
    """The file that is the legal original (the signed PDF, the scan, or the rendered DOCX)."""
    prepared: Text | None = None
    """The id of the prepared record (``data/prepared/<id>/``) it was released from."""
    replaces: Text | None = None
    """The folder (``2021/01-BC-BDVTW``) of the document this one replaces (văn bản thay thế)."""
    request: Slug | None = None
    """The request (``data/requests/<id>.yaml``) this document answers (``consolidate --request ID --issue``)."""
    commit: GitObject | None = None
    """The git commit its sources were read at (None outside git)."""
    signer_title: Text | None = None
    signer_name: Text | None = None
    recipients: list[Text] = field(default_factory=list)
    """The Nơi nhận lines as printed."""
    copies: int | None = None
    signatures: list[SignatureCheck] = field(default_factory=list)


@dataclass(frozen=True)
class Revocation:
    """Bản ghi thu hồi một văn bản đã ban hành (thu-hoi.yaml cạnh issued.yaml)."""

    __pydantic_config__ = STRICT
    date: dt.date
    reason: Text


@dataclass(frozen=True)
class Prepared:
    """Bản ghi một văn bản đã chuẩn bị để ký: chưa có số, chưa có ngày."""

    __pydantic_config__ = STRICT
    id: Text
    type_code: Text
    issuer_code: Text
    template: Text
    prepared: dt.date
    start: dt.date
    end: dt.date
    title: Text
    sources: list[Source]
    files: list[IssuedFile]
    ad_hoc: bool = False
    commit: GitObject | None = None
    signer_title: Text | None = None
    signer_name: Text | None = None
    recipients: list[Text] = field(default_factory=list)
    pdf: Text | None = None
    """The file to sign (PDF, fonts embedded, an empty signature field)."""
