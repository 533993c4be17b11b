"""``dvcli consolidate``: the period's consolidated report — preview, or issue with a number."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..i18n import _
from .console import err, handled, options, out
from .period_options import AdHoc, End, Month, Start, Week


@handled
def consolidate(
    week: Week = None,
    month: Month = None,
    start: Start = None,
    end: End = None,
    ad_hoc: AdHoc = None,
    template: Annotated[str | None, typer.Option("--template", "-t", help=_(
        "Mẫu: tong-hop-tuan (mặc định) hoặc bao-cao-ban; với --request: mẫu của yêu cầu."))] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=_("md,html,docx,pdf (cách nhau bằng dấu phẩy)."))] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help=_("Thư mục ghi tệp (xem trước)."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Ghi đè tệp đã có trong --out."))] = False,
    issue: Annotated[bool, typer.Option("--issue", help=_("Ban hành: cấp số, lưu vào data/issued/, niêm phong nguồn, commit."))] = False,
    number: Annotated[int | None, typer.Option("--number", help=_("Số văn bản (mặc định: số tiếp theo)."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=_("Ngày văn bản (mặc định: hôm nay)."))] = None,
    replaces: Annotated[str | None, typer.Option("--replaces", help=_("Ban hành văn bản thay thế văn bản đã ban hành này (ví dụ 01)."))] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help=_("Không commit khi ban hành hoặc ghi dự thảo."))] = False,
    draft: Annotated[bool, typer.Option("--draft", help=_("Ghi dự thảo sửa được vào data/drafts/ (giữ phần đã sửa)."))] = False,
    accepted_only: Annotated[bool, typer.Option("--accepted-only", help=_(
        "Chỉ tổng hợp báo cáo tuần đã được duyệt (dvcli review --accept)."))] = False,
    request: Annotated[str | None, typer.Option("--request", help=_(
        "Văn bản trả lời yêu cầu báo cáo này (dvcli request list): từ các báo cáo đã nộp cho yêu cầu."))] = None,
) -> None:
    """Tổng hợp báo cáo của một kỳ thành báo cáo theo thể thức văn bản của Đảng.

    Có dự thảo (--draft, sửa bằng dvcli draft edit) thì xem trước và ban hành dùng nội dung dự thảo.
    Với --request: văn bản trả lời một yêu cầu báo cáo (tiêu đề, thời gian, mẫu, nơi nhận lấy từ yêu cầu;
    ban hành bằng --issue thì yêu cầu thành "đã trả lời").

    Ví dụ: dvcli consolidate --week 2021-W38 --format md,html,docx --out out/
    """
    from ..errors import DvcliError
    from ..periods import parse_date
    from ..services import consolidate as service
    from ..services import open_store

    if draft and (issue or out_dir is not None):
        raise DvcliError(_("--draft không dùng cùng --issue hoặc --out"),
                         _("ghi dự thảo trước (--draft), sửa (dvcli draft edit), rồi xem trước hoặc ban hành"))
    if number is not None and not issue:
        raise DvcliError(_("--number chỉ dùng khi ban hành"), _("thêm --issue, hoặc bỏ --number để xem trước"))
    if replaces is not None and not issue:
        raise DvcliError(_("--replaces chỉ dùng khi ban hành"), _("thêm --issue, hoặc bỏ --replaces để xem trước"))
    formats = tuple(part.strip().lower() for part in fmt.split(",") if part.strip()) if fmt else ()
    asked = service.Request(
        week=week, month=month, start=start, end=end, ad_hoc=ad_hoc,
        template=template or ("" if request else "tong-hop-tuan"), formats=formats,
        out=out_dir, force=force, issue=issue, number=number,
        date=parse_date(date) if date else None, commit=not no_commit, draft=draft, accepted_only=accepted_only,
        replaces=replaces, answers=request)
    from ..interrupts import name as signal_name
    from ..interrupts import settle
    from ..rawio import keep_until_exit, paused_gc

    # The process lifetime of a consolidation, decided here and only here: the GC is paused while
    # thousands of acyclic records and the document are built, and what was built is kept until the
    # process ends (cli/entry.py then exits without freeing it object by object). It is kept (frozen
    # out of the GC's reach) before the GC resumes: else the first allocation after it walks every
    # object made meanwhile, 0.3 s after a cold 10,000-member week.
    try:
        with paused_gc():
            outcome = service.run(open_store(options.data), asked)
            keep_until_exit(outcome, *outcome.built)
    finally:
        late = settle()
    if outcome.printed is not None:
        _print(outcome.printed)
        return
    if outcome.drafted is not None:
        _drafted(outcome.drafted, no_commit)
        return
    if outcome.from_draft:
        err(_("dùng nội dung dự thảo: {p}").format(p=outcome.from_draft))
    if outcome.issued is not None and outcome.heading is not None:
        how = _("một bước, ký trên giấy") if outcome.replaced is None else _(
            "một bước, ký trên giấy; thay thế văn bản {s}").format(s=outcome.replaced)
        err(_("Đã ban hành {n} ({h}): {f}").format(n=outcome.heading.number_line, h=how, f=outcome.folder))
    for path in outcome.written:
        out(path)
    if outcome.issued is not None and not no_commit and not outcome.committed:
        err(_("chưa commit: thư mục không phải kho git"))
    if late:
        err(_("(đã nhận {s} khi việc ghi đã xong: văn bản đã được ban hành và commit như trên)").format(s=signal_name(late)))


def _drafted(drafted: object, no_commit: bool) -> None:
    d: Any = drafted
    err((_("Đã tạo dự thảo: {p}") if d.created else _("Đã cập nhật dự thảo: {p}")).format(p=d.path))
    for path in d.fresh_sources:
        err(_("  báo cáo mới hoặc đã sửa: {p}").format(p=path))
    for heading in d.with_new:
        err(_("  mục đã sửa có nội dung mới (xem new:): {h}").format(h=heading))
    for key in d.changed_figures:
        err(_("  số liệu thay đổi: {k} (đọc lại đoạn văn có số này)").format(k=key))
    out(d.path)
    if not no_commit and not d.committed:
        err(_("chưa commit: thư mục không phải kho git"))


def _print(chunks: list[bytes | memoryview]) -> None:
    """Write the preview's UTF-8 bytes as they are (26 MB for 10,000 members: no decoding, no copy).

    Through the text layer instead when stdout is a terminal, is not UTF-8 or translates newlines
    (Windows), so the result is what ``out(text)`` would have printed.
    """
    import os
    import sys

    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    buffer = getattr(stream, "buffer", None)
    if buffer is None or encoding != "utf8" or os.linesep != "\n" or stream.isatty():
        # on a terminal, through out()'s filter: a workspace template may hold ESC sequences
        from ..textsafety import terminal

        stream.write(terminal(b"".join(chunks).decode("utf-8")))
        return
    stream.flush()
    for chunk in chunks:
        buffer.write(chunk)
    buffer.flush()
