"""``dvcli issue prepare``: the document to sign, with no number taken.

Under NĐ30 (Điều 15.2) a document is numbered and dated at release, after it has been signed, so
a draft the signer sends back never burns a number. ``prepare`` renders the period's consolidated
report — from the consolidation service, exactly as ``consolidate`` would (a workspace draft, once
there is one, comes in the same way) — with the number and the date left blank, as DOCX and as
PDF (fonts embedded by LibreOffice, an empty signature field reserved for the signing software),
seals its sources at their commit, and records it in ``data/prepared/<id>/prepared.yaml``,
committed. ``issue register`` later releases it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import signatures, yamlio
from ..errors import DvcliError
from ..i18n import _
from ..model import Prepared
from ..snapshot.issued import PREPARED_RECORD, prepared_dir
from ..snapshot.issued import prepared_records as all_prepared
from ..store import Store
from . import seal
from .consolidate import Request, choose_period, compute, draft_path, load_inputs, record_fields, source_paths
from .consolidate import _output as output_document
from .consolidate_output import render_all, template_context, to_pdf
from .writes import Transaction, transaction

RECORD = PREPARED_RECORD
HEADER = _("# Văn bản chuẩn bị để ký (chưa có số, chưa có ngày) — không sửa tệp này. Phát hành: dvcli issue "
           "register TỆP_ĐÃ_KÝ.\n")


@dataclass
class PreparedOutcome:
    record: Prepared
    folder: str
    written: list[str]
    committed: bool


def open_prepared(store: Store) -> list[Prepared]:
    """Prepared documents no issued record has been released from yet."""
    from .issuing import all_issued

    used = {item.record.prepared for item in all_issued(store) if item.record.prepared}
    return [record for _path, record in all_prepared(store) if record.id not in used]


def prepare(store: Store, request: Request, today: dt.date, commit: bool = True) -> PreparedOutcome:
    from .. import consolidation
    from . import consolidate_draft, issuing

    ws = store.ws
    inputs = load_inputs(store)
    output = output_document(inputs.plan, request.template)
    period, kind = choose_period(request, inputs.plan, today)
    report = compute(store, inputs, period, kind, request.ad_hoc)
    text = consolidate_draft.text_for(store, request, period, report, issuing=True)  # the draft, once there is one
    sources = source_paths(store, inputs, report, draft_path(store, request, period, text))
    issuing.ready(store, sources, len(report.reports), _("chuẩn bị để ký"))
    sealed = seal.seal_sources(ws, sources)
    head = consolidation.heading(inputs.plan, inputs.roster, output, report, None, None)
    docx = render_all(store, request.template, ("docx",), template_context(inputs.plan, report, head, text))["docx"]
    pdf = signatures.reserve_field(to_pdf(docx))
    label = period.label.replace("..", "_")
    done: dict[str, Any] = {}

    def write(tx: Transaction) -> list[Path]:
        taken = {record.id for _path, record in all_prepared(store)}
        serial = 1
        while f"{label}-{request.template}-{serial}" in taken or (
                prepared_dir(ws) / f"{label}-{request.template}-{serial}").exists():
            serial += 1
        ident = f"{label}-{request.template}-{serial}"
        final = prepared_dir(ws) / ident
        files = {f"{ident}.pdf": pdf, f"{ident}.docx": docx}
        staging = tx.staging(final)
        sealed_files = []
        for name, data in files.items():
            tx.add_file(staging / name, data)
            sealed_files.append({"name": name, "blob": seal.file_blob(ws, final / name, data)})
        fields = {"id": ident, "type_code": output.type_code, "issuer_code": output.issuer_code,
                  **record_fields(head, request.template, report, None, sealed), "prepared": today.isoformat(),
                  "files": sealed_files, "pdf": f"{ident}.pdf"}
        for key in ("copies",):
            fields.pop(key, None)
        done["record"] = _validated(fields)
        tx.add_file(staging / RECORD, (HEADER + yamlio.dumps(fields)).encode("utf-8"))
        tx.place(staging, final)
        done["folder"] = ws.rel(final)
        return [final / name for name in [*files, RECORD]]

    saved = transaction(ws, lambda: _("chuẩn bị để ký: {t} ({i})").format(t=done["record"].title, i=done["record"].id),
                        commit, write)
    return PreparedOutcome(done["record"], done["folder"], saved.paths, saved.committed)


def find_prepared(store: Store, ident: str) -> tuple[Path, Prepared]:
    for path, record in all_prepared(store):
        if record.id == ident:
            return path, record
    known = ", ".join(record.id for record in open_prepared(store)) or _("(không có)")
    raise DvcliError(_("không có văn bản chuẩn bị để ký \"{i}\"").format(i=ident),
                     _("các văn bản đang chờ phát hành: {k}; chuẩn bị bằng: dvcli issue prepare --week …").format(k=known))


def _validated(fields: dict[str, object]) -> Prepared:
    from .. import schema

    record, errors = schema.validate(Prepared, yamlio.loads(yamlio.dumps(fields).encode("utf-8"), RECORD))
    if record is None:  # dvcli wrote something its own schema refuses: a bug, never the user's input
        raise AssertionError(f"prepared record invalid: {[str(error) for error in errors]}")
    return record
