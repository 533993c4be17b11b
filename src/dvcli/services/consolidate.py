"""``dvcli consolidate``: compute the period's consolidated report, render it, and issue it.

Preview: the rendered documents are returned (Markdown for stdout) or written into ``--out``.
Issue: the report takes the next number for its type and issuer within the term (or the
number asked for, if free), is written to ``data/issued/<year>/<nn>-<type>-<issuer>/`` with an
``issued.yaml`` sealing every input file by sha256, and is committed. ``check_issued`` is the
rule ``dvcli check`` runs over every issued report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import gitlog, periods, yamlio
from ..errors import ConflictError, DataError, DvcliError, NotFoundError, Problem
from ..i18n import _, language
from ..model import Assignment, Issued, OutputDocument, Plan, Report, Roster
from ..rawio import keep_until_exit, paused_gc
from ..store import Store
from .consolidate_inputs import Files, parse_files, read_files

if TYPE_CHECKING:  # render (Jinja2) and reports are imported where used: a memoised preview needs neither
    from ..periods import Period
    from ..reports import ConsolidatedReport, Heading

FORMATS = ("md", "html", "docx", "pdf")
TEMPLATES = ("tong-hop-tuan", "bao-cao-ban")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
# Vietnamese order of sub-item letters (no f, j, w, z): a) b) c) d) đ) e) g) h) i) k) …
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y")


@dataclass(frozen=True)
class Request:
    week: str | None = None
    month: str | None = None
    start: str | None = None
    end: str | None = None
    ad_hoc: str | None = None
    template: str = "tong-hop-tuan"
    formats: tuple[str, ...] = ()
    out: Path | None = None
    force: bool = False
    issue: bool = False
    number: int | None = None
    date: dt.date | None = None
    commit: bool = True


@dataclass
class Outcome:
    """What the command produced: stdout text (preview) and/or the files written."""

    report: ConsolidatedReport | None  # None: the preview came from the verified memo
    heading: Heading | None
    printed: list[bytes | memoryview] | None = None
    """The preview for stdout: UTF-8, ending in exactly one newline (as ``out`` prints text)."""
    written: list[str] = field(default_factory=list)
    issued: Issued | None = None
    folder: str | None = None
    committed: bool = False

    @property
    def stdout(self) -> str | None:
        return None if self.printed is None else b"".join(self.printed).decode("utf-8")


@dataclass
class Inputs:
    plan: Plan
    roster: Roster
    reports: list[tuple[str, Report]]
    assignments: list[tuple[str, Assignment]]
    digests: dict[str, str]


# --- the use case ------------------------------------------------------------------------------


def run(store: Store, request: Request, today: dt.date | None = None) -> Outcome:
    from .. import reports

    formats = _formats(request)
    if not request.issue and request.out is None:
        return _print(store, request, today)
    inputs = load_inputs(store)
    if today is None:
        from .writes import today as local_today

        today = local_today(inputs.plan.reporting)
    date = request.date or today
    output = _output(inputs.plan, request.template)
    period, kind = choose_period(request, inputs.plan, today)
    report = reports.consolidate(inputs.plan, inputs.roster, inputs.reports, inputs.assignments, period, kind,
                                 request.ad_hoc)
    store.close()
    if not request.issue:
        head = reports.heading(inputs.plan, inputs.roster, output, report, None, date)
        context = template_context(inputs.plan, report, head)
        assert request.out is not None
        base = f"{request.template}-{period.label.replace('..', '_')}"
        files = render_all(store, request.template, formats, context)
        written = _write_preview(request.out, base, files, request.force)
        keep_until_exit(inputs, report, context, store)
        return Outcome(report, head, written=written)
    keep_until_exit(inputs, report, store)
    return _issue(store, request, inputs, output, report, formats, date)


def _print(store: Store, request: Request, today: dt.date | None) -> Outcome:
    """The Markdown preview for stdout — from the verified memo when nothing it depends on changed."""
    from .consolidate_memo import Memo, code_fingerprint, folder_digests, make_key

    ws = store.ws
    with paused_gc():
        read = read_files(store)
        options = [f"template={request.template}", f"week={request.week}", f"month={request.month}",
                   f"from={request.start}", f"to={request.end}", f"ad_hoc={request.ad_hoc}",
                   f"date={request.date}", f"lang={language()}"]
        memo = Memo(None if store.cache.directory is None else store.cache.directory / "consolidate", options)
        key = make_key([code_fingerprint(), *options, *folder_digests(ws.templates_dir),
                        *(f"{item.display}\0{item.kind.__name__}\0{item.digest.hex()}" for item in read.files)])
        if not read.problems:
            body = memo.get(key, today)
            if body is not None:
                return Outcome(None, None, printed=[body])
        from .. import render, reports

        inputs = _inputs(store, read)
        del read
        saved = store.close_in_background()  # pickling the new cache entries overlaps the computing
        try:
            if today is None:
                from .writes import today as local_today

                today = local_today(inputs.plan.reporting)
            output = _output(inputs.plan, request.template)
            period, kind = choose_period(request, inputs.plan, today)
            report = reports.consolidate(inputs.plan, inputs.roster, inputs.reports, inputs.assignments, period, kind,
                                         request.ad_hoc)
            head = reports.heading(inputs.plan, inputs.roster, output, report, None, request.date or today)
            context = template_context(inputs.plan, report, head)
            chunks = render.render_encoded(f"{request.template}.md.j2", context, ws.templates_dir)
            _end_with_one_newline(chunks)
            printed: list[bytes | memoryview] = [*chunks]
            memo.put(key, today, inputs.plan.reporting.utc_offset, printed)
            keep_until_exit(inputs, report, context, store)
            return Outcome(report, head, printed=printed)
        finally:
            saved()


def _end_with_one_newline(chunks: list[bytes]) -> None:
    """What ``out(text.rstrip("\\n"))`` prints: the text without its trailing newlines, then one."""
    while chunks and not chunks[-1].rstrip(b"\n"):
        chunks.pop()
    if chunks:
        chunks[-1] = chunks[-1].rstrip(b"\n")
    chunks.append(b"\n")


def _formats(request: Request) -> tuple[str, ...]:
    chosen = request.formats or (("md", "html", "docx") if request.out is not None or request.issue else ("md",))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise DvcliError(_("không có định dạng \"{f}\"").format(f=unknown[0]),
                         _("chọn trong: {all}, cách nhau bằng dấu phẩy, ví dụ --format md,html,docx").format(
                             all=", ".join(FORMATS)))
    if request.out is None and not request.issue and chosen != ("md",):
        raise DvcliError(_("định dạng {f} cần thư mục ghi tệp").format(f=",".join(chosen)),
                         _("thêm --out THƯ_MỤC (chỉ Markdown mới in ra màn hình)"))
    return tuple(dict.fromkeys(chosen))


def _output(plan: Plan, template: str) -> OutputDocument:
    output = plan.reporting.documents.get(template)
    if output is None:
        names = ", ".join(plan.reporting.documents) or _("(chưa có)")
        raise NotFoundError(_("kế hoạch không khai mẫu báo cáo \"{t}\" (reporting.documents)").format(t=template),
                            _("dùng một mẫu đã khai: {n}; hoặc thêm mục {t} vào reporting.documents "
                              "trong data/plan.yaml").format(n=names, t=template))
    return output


def choose_period(request: Request, plan: Plan, today: dt.date) -> tuple[Period, str]:
    from .. import reports

    chosen = periods.select(plan.reporting, today, week=request.week, month=request.month,
                            start=request.start, end=request.end)
    kind = reports.KIND_AD_HOC if request.ad_hoc else None
    if chosen is not None and chosen.kind != "week":
        return chosen, kind or (reports.KIND_MONTH if chosen.kind == "month" else reports.KIND_RANGE)
    if request.ad_hoc:
        raise DvcliError(_("báo cáo đột xuất cần khoảng thời gian"),
                         _("thêm --from NGÀY --to NGÀY, ví dụ --from 2021-09-20 --to 2021-09-22"))
    return chosen or periods.parse_week("last", plan.reporting, today), reports.KIND_WEEK


def load_inputs(store: Store) -> Inputs:
    """Plan, roster, every assignment and report — all valid, or a DataError listing every problem."""
    with paused_gc():
        return _inputs(store, read_files(store))


def _inputs(store: Store, read: Files) -> Inputs:
    loaded, problems = parse_files(store, read)
    if problems:
        raise DataError(problems)
    ws = store.ws
    digests = {item.display: item.digest.hex() for item in read.files if item.display in loaded}
    plan, roster = loaded[ws.rel(ws.plan_file)], loaded[ws.rel(ws.members_file)]
    return Inputs(plan, roster,
                  [(path, rec) for path, rec in loaded.items() if isinstance(rec, Report)],
                  [(path, rec) for path, rec in loaded.items() if isinstance(rec, Assignment)], digests)


def template_context(plan: Plan, report: ConsolidatedReport, head: Heading) -> dict[str, Any]:
    """What every template sees (docs/templates.md)."""
    from .. import render

    doc = plan.document
    return {"r": report, "h": head, "plan": plan, "roman": ROMAN, "letters": LETTERS,
            "basis": _("{k} số {s}, ngày {d}/{m}/{y} của {i}").format(
                k=doc.kind, s=doc.symbol, d=f"{doc.date.day:02d}", m=doc.date.month, y=doc.date.year, i=doc.issuer),
            "start_text": render.short_date(plan.reporting.start)}


def render_all(store: Store, template: str, formats: tuple[str, ...], context: dict[str, Any]) -> dict[str, bytes]:
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


def _write_preview(out: Path, base: str, files: dict[str, bytes], force: bool) -> list[str]:
    targets = {fmt: out / f"{base}.{fmt}" for fmt in files}
    existing = [str(path) for path in targets.values() if path.exists()]
    if existing and not force:
        raise ConflictError(_("tệp đã có, không ghi đè: {p}").format(p=", ".join(existing)),
                            _("chọn thư mục --out khác, xoá tệp cũ, hoặc thêm --force để ghi đè"))
    for fmt, path in targets.items():
        yamlio.write_bytes_atomic(path, files[fmt])
    return [str(path) for path in targets.values()]


# --- issuing -----------------------------------------------------------------------------------


def term_key(plan: Plan, date: dt.date) -> str:
    """Numbers run per term (Party: from ``term_start``) or per calendar year (State)."""
    if plan.reporting.profile != "dang":
        return str(date.year)
    start = plan.reporting.term_start
    if start is None:
        return "term"
    return "term" if date >= start else "before"


def issued_records(store: Store) -> list[tuple[Path, Issued | None, list[Problem]]]:
    found = []
    for path in sorted(store.ws.issued_dir.glob("**/issued.yaml")):
        loaded = store.read(path, Issued)
        found.append((path, loaded.record, loaded.problems))
    return found


def next_number(plan: Plan, records: list[Issued], type_code: str, issuer_code: str, date: dt.date) -> int:
    key = term_key(plan, date)
    used = [rec.number for rec in records if rec.type_code == type_code and rec.issuer_code == issuer_code
            and term_key(plan, rec.date) == key]
    return max(used, default=0) + 1


def _issue(store: Store, request: Request, inputs: Inputs, output: OutputDocument, report: ConsolidatedReport,
           formats: tuple[str, ...], date: dt.date) -> Outcome:
    from .. import render, reports

    plan, ws = inputs.plan, store.ws
    records = [rec for _path, rec, _problems in issued_records(store) if rec is not None]
    if request.number is not None:
        if request.number < 1:
            raise DvcliError(_("số văn bản phải từ 1 trở lên"), _("bỏ --number để lấy số tiếp theo"))
        key = term_key(plan, date)
        clash = next((rec for rec in records if rec.number == request.number and rec.type_code == output.type_code
                      and rec.issuer_code == output.issuer_code and term_key(plan, rec.date) == key), None)
        if clash is not None:
            free = next_number(plan, records, output.type_code, output.issuer_code, date)
            raise ConflictError(
                _("số {n} đã cấp cho báo cáo Số {s}, ngày {d}").format(
                    n=request.number, s=clash.symbol, d=render.short_date(clash.date)),
                _("mỗi số chỉ cấp một lần cho loại {t} của {i}; bỏ --number để lấy số tiếp theo ({f})").format(
                    t=output.type_code, i=output.issuer_code, f=free))
        number = request.number
    else:
        number = next_number(plan, records, output.type_code, output.issuer_code, date)
    head = reports.heading(plan, inputs.roster, output, report, number, date)
    context = template_context(plan, report, head)
    files = render_all(store, request.template, formats, context)
    folder = ws.issued_dir / str(date.year) / f"{number:02d}-{output.type_code}-{output.issuer_code}"
    if folder.exists():
        raise ConflictError(_("thư mục {p} đã có").format(p=ws.rel(folder)),
                            _("số này đã được dùng; bỏ --number để lấy số tiếp theo"))
    stem = f"{number:02d}-{output.type_code}-{output.issuer_code}"
    names = [f"{stem}.{fmt}" for fmt in files]
    sources = [ws.rel(ws.plan_file), ws.rel(ws.members_file), *sorted(p for p, _a in inputs.assignments),
               *report.sources]
    title = f"{head.kind_title.capitalize()} {head.subject} {head.period_text}"
    record = {
        "number": number, "type_code": output.type_code, "issuer_code": output.issuer_code, "symbol": head.symbol,
        "template": request.template, "date": date.isoformat(), "start": report.period.start.isoformat(),
        "end": report.period.end.isoformat(), "title": title,
        "sources": [{"path": path, "sha256": inputs.digests[path]} for path in sources],
        "files": names, "ad_hoc": report.kind == reports.KIND_AD_HOC,
    }
    written = []
    for name, data in zip(names, files.values(), strict=True):
        if not yamlio.create_atomic(folder / name, data):
            raise ConflictError(_("tệp {p} đã có").format(p=ws.rel(folder / name)), _("bỏ --number để lấy số tiếp theo"))
        written.append(ws.rel(folder / name))
    seal = folder / "issued.yaml"
    header = _("# Báo cáo đã ban hành — không sửa tệp này. dvcli check đối chiếu dấu vân tay (sha256) các nguồn.\n")
    yamlio.create_atomic(seal, (header + yamlio.dumps(record)).encode("utf-8"))
    written.append(ws.rel(seal))
    issued = Issued(number=number, type_code=output.type_code, issuer_code=output.issuer_code, symbol=head.symbol,
                    template=request.template, date=date, start=report.period.start, end=report.period.end,
                    title=title, sources=[], files=names, ad_hoc=record["ad_hoc"] is True)
    committed = False
    if request.commit:
        committed = gitlog.commit(ws.root, written, _("ban hành: {n} — {t}").format(n=head.number_line, t=title))
    return Outcome(report, head, written=written, issued=issued, folder=ws.rel(folder), committed=committed)


# --- dvcli check: sealed sources -----------------------------------------------------------------


def check_issued(store: Store, plan: Plan | None) -> list[Problem]:
    """Every issued report's sources still have their sealed digest; numbers are unique per term."""
    ws = store.ws
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str, int], str] = {}
    git = gitlog.is_repository(ws.root)
    for path, record, found in issued_records(store):
        problems += found
        if record is None:
            continue
        shown = ws.rel(path)
        for index, source in enumerate(record.sources):
            target = ws.root / source.path
            loc: list[str | int] = ["sources", index, "sha256"]
            if not target.is_file():
                problems.append(Problem(shown, store.line(path, loc), f"sources[{index}]",
                                        _("nguồn {p} của báo cáo Số {s} không còn").format(p=source.path, s=record.symbol),
                                        _("khôi phục tệp bằng: git checkout {c} -- {p}").format(
                                            c=_issue_commit(ws.root, shown) if git else "HEAD", p=source.path)))
                continue
            if hashlib.sha256(target.read_bytes()).hexdigest() == source.sha256:
                continue
            change = _change(ws.root, source.path) if git else _("ngoài git")
            problems.append(Problem(
                shown, store.line(path, loc), f"sources[{index}]",
                _("nguồn {p} đã bị sửa sau khi ban hành báo cáo Số {s} ({c})").format(
                    p=source.path, s=record.symbol, c=change),
                _("báo cáo đã ban hành không đổi theo: khôi phục nguồn bằng git checkout {i} -- {p}, "
                  "hoặc ban hành báo cáo mới").format(i=_issue_commit(ws.root, shown) if git else "HEAD",
                                                      p=source.path)))
        if plan is not None:
            key = (record.type_code, record.issuer_code, term_key(plan, record.date), record.number)
            if key in seen:
                problems.append(Problem(shown, store.line(path, ["number"]), "number",
                                        _("số {s} trùng với {o}").format(s=record.symbol, o=seen[key]),
                                        _("mỗi số chỉ cấp một lần cho một loại văn bản trong nhiệm kỳ")))
            else:
                seen[key] = shown
    return problems


def _change(root: Path, path: str) -> str:
    """Which commit changed ``path`` — or that the change is not committed yet."""
    if gitlog.run(root, "diff", "--quiet", "HEAD", "--", path, check=False).returncode != 0:
        return _("sửa chưa commit")
    commit = gitlog.run(root, "log", "-1", "--format=%h", "--", path, check=False).stdout.strip()
    return _("commit {c}").format(c=commit) if commit else _("chưa commit")


def _issue_commit(root: Path, path: str) -> str:
    return gitlog.run(root, "log", "-1", "--format=%h", "--", path, check=False).stdout.strip() or "HEAD"
