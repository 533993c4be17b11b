"""A consolidated report's documents: the templates' context, every format rendered, previews written.

Markdown and HTML come from Jinja templates, DOCX from a Jinja-tagged Word template (docxtpl), PDF
from that DOCX through LibreOffice headless. ``consolidate`` (preview and issue) and the
reliability tests render through here.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import atomic
from ..errors import ConflictError, DvcliError
from ..i18n import _
from ..model import Plan
from ..store import Store

if TYPE_CHECKING:  # render (Jinja2) and consolidation are imported where used
    from ..consolidation import ConsolidatedReport, Heading
    from ..consolidation.synthesis import Synthesis

FORMATS = ("md", "html", "docx", "pdf")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
# Vietnamese order of sub-item letters (no f, j, w, z): a) b) c) d) đ) e) g) h) i) k) …
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y")


def template_context(plan: Plan, report: ConsolidatedReport, head: Heading,
                     text: Synthesis | None = None) -> dict[str, Any]:
    """What every template sees (docs/templates.md); ``text``: the body from a draft, else synthesised."""
    from .. import render
    from ..charts import Charts

    basis = basis_text(plan, report)
    if text is None:
        text = synthesis(plan, report, head, basis)
    return {"r": report, "h": head, "plan": plan, "roman": ROMAN, "letters": LETTERS, "doc": text, "charts": Charts(report.chart_series),
            "basis": basis, "intro": text.intro, "start_text": render.short_date(plan.reporting.start)}


def basis_text(plan: Plan, report: ConsolidatedReport | None = None) -> str:
    """"Kế hoạch số 16-KH/BDVTW, ngày 13/9/2021 của Ban Dân vận Trung ương": what the report implements
    (an answer to a request: the request's document, "Công văn số … của Thường trực Ban Bí thư")."""
    if report is not None and report.basis:
        return report.basis
    doc = plan.document
    return _("{k} số {s}, ngày {d}/{m}/{y} của {i}").format(
        k=doc.kind, s=doc.symbol, d=f"{doc.date.day:02d}", m=doc.date.month, y=doc.date.year, i=doc.issuer)


def synthesis(plan: Plan, report: ConsolidatedReport, head: Heading, basis: str) -> Synthesis:
    """The body a leader reads (``reports.synthesis``), worded for the document's issuer and addressees."""
    from .. import render
    from ..consolidation import synthesis as writing

    who = plan.document.issuer if head.upward else plan.group.name
    intro, closing = writing.opening_and_closing(report, basis, who, head.subject, head.period_text[1:-1],
                                                 list(head.addressed_to))
    return writing.synthesise(report, plan, upward=head.upward, intro=intro, closing=closing,
                              number=render.number_vi)


def render_all(store: Store, template: str, formats: tuple[str, ...], context: dict[str, Any]) -> dict[str, bytes]:
    """Each of ``formats`` rendered from the workspace's or the package's ``template``, in that order."""
    from .. import render

    files: dict[str, bytes] = {}
    folder = store.ws.templates_dir
    for fmt in formats:
        if fmt in ("md", "html"):
            files[fmt] = render.render(f"{template}.{fmt}.j2", context, folder).encode("utf-8")
    if "docx" in formats or "pdf" in formats:
        docx = render.render_docx(f"{template}.docx", context, folder)
        if "docx" in formats:
            files["docx"] = docx
        if "pdf" in formats:
            files["pdf"] = to_pdf(docx)
    return {fmt: files[fmt] for fmt in formats}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes) -> bytes:
    """PDF through LibreOffice headless, in a private profile so parallel runs do not collide."""
    program = soffice()
    if program is None:
        raise DvcliError(_("không tạo được PDF: máy chưa cài LibreOffice (lệnh soffice)"),
                         _("cài bằng: sudo apt-get install libreoffice-writer (Windows/macOS: tải từ "
                           "libreoffice.org), hoặc bỏ pdf khỏi --format và in tệp .docx"))
    with tempfile.TemporaryDirectory(prefix="dvcli-pdf-") as tmp:
        folder = Path(tmp)
        (folder / "bao-cao.docx").write_bytes(docx)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(folder), str(folder / "bao-cao.docx")]
        try:
            subprocess.run(command, capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired:
            raise DvcliError(_("LibreOffice không chuyển xong sang PDF sau 180 giây"),
                             _("đóng các cửa sổ LibreOffice đang mở rồi chạy lại")) from None
        pdf = folder / "bao-cao.pdf"
        if not pdf.is_file():
            raise DvcliError(_("LibreOffice không tạo được tệp PDF"),
                             _("thử mở tệp .docx bằng LibreOffice để xem lỗi, hoặc bỏ pdf khỏi --format"))
        return pdf.read_bytes()


def write_preview(out: Path, base: str, files: dict[str, bytes], force: bool, root: Path | None = None) -> list[str]:
    """``<out>/<base>.<format>`` for each file, atomically; none is overwritten without ``force``."""
    from ..paths import output_file, output_folder

    output_folder(out, root)
    targets = {fmt: out / f"{base}.{fmt}" for fmt in files}
    for path in targets.values():
        output_file(path, root)
    existing = [str(path) for path in targets.values() if path.exists()]
    if existing and not force:
        raise ConflictError(_("tệp đã có, không ghi đè: {p}").format(p=", ".join(existing)),
                            _("chọn thư mục --out khác, xoá tệp cũ, hoặc thêm --force để ghi đè"))
    for fmt, path in targets.items():
        atomic.write_bytes(path, files[fmt])
    return [str(path) for path in targets.values()]
