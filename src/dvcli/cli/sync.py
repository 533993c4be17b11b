from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _, ngettext
from .console import count_files, err, handled, options, out, print_json
from .formats import TextJson


@handled
def sync(
    autostash: Annotated[bool, typer.Option(
        "--autostash", help=_("Tạm cất các thay đổi chưa commit trong lúc đồng bộ rồi trả lại."))] = False,
    retries: Annotated[int, typer.Option(
        "--retries", min=0, max=100,
        help=_("Số lần gửi lại khi có người khác gửi cùng lúc, trước khi để commit trong hộp chờ của kho chung."))] = 2,
    timeout: Annotated[int, typer.Option(
        "--timeout", min=1, max=3600, metavar=_("GIÂY"),
        help=_("Thời gian tối đa (giây) cho mỗi lần nhận hoặc gửi qua mạng."))] = 120,
    set_aside: Annotated[str | None, typer.Option(
        "--set-aside", metavar="COMMIT",
        help=_("Gác một commit bị kho chung từ chối sang một nhánh riêng rồi gửi các commit còn lại."))] = None,
    fmt: Annotated[TextJson, typer.Option("--format", help=_("text hoặc json."))] = TextJson.text,
) -> None:
    """Đồng bộ với kho chung: nhận commit mới, đặt commit của mình lên trên, rồi gửi đi.

    Ví dụ: dvcli sync
    """
    from ..services import sync as service

    result = service.run(options.data, autostash=autostash, retries=retries, timeout=timeout, set_aside=set_aside)
    if result.set_aside:
        err(_("Đã gác commit {c} sang nhánh {b} (vẫn còn trong máy, không gửi đi).").format(
            c=set_aside, b=result.set_aside))
    if result.unsent:
        shown = " ".join(result.unsent[:5]) + (" …" if len(result.unsent) > 5 else "")
        err(ngettext("chú ý: {n} tệp dữ liệu chưa được ghi vào git nên chưa được gửi: {f}", "chú ý: {n} tệp dữ liệu chưa được ghi vào git nên chưa được gửi: {f}", len(result.unsent)).format(
            n=len(result.unsent), f=shown))
        err(f"  {_('gợi ý')}: " + _("ghi lại bằng: git add TỆP && git commit, rồi chạy lại: dvcli sync"))
    if fmt is TextJson.json:
        print_json(result.as_dict())
        return
    if not result.received_commits and not result.sent_commits and not result.integrated:
        out(_("Đã đồng bộ với {u}: không có gì mới.").format(u=result.upstream))
        return
    if result.received_commits:
        out(_("Đã nhận {c} ({f}) từ {u}.").format(
            c=_commits(result.received_commits), f=count_files(len(result.received_files)), u=result.upstream))
    if result.deposited:
        out(_("Kho chung đang bận (nhiều người gửi cùng lúc): đã để {c} ({f}) trong hộp chờ của kho "
              "chung; chúng sẽ vào {u} ở lần đồng bộ tiếp theo của bất kỳ ai (thư ký chạy dvcli sync là đủ).").format(
            c=_commits(result.sent_commits), f=count_files(len(result.sent_files)), u=result.upstream))
    elif result.sent_commits:
        out(_("Đã gửi {c} ({f}) lên {u}.").format(
            c=_commits(result.sent_commits), f=count_files(len(result.sent_files)), u=result.upstream))
    if result.integrated:
        out(ngettext("Đã đưa {n} bài nộp đang chờ trong hộp chờ lên {u}.", "Đã đưa {n} bài nộp đang chờ trong hộp chờ lên {u}.", result.integrated).format(n=result.integrated, u=result.upstream))
    if result.attempts > 1:
        out(ngettext("(đã thử {n} lần vì có người khác gửi cùng lúc)", "(đã thử {n} lần vì có người khác gửi cùng lúc)", result.attempts).format(n=result.attempts))


def _commits(n: int) -> str:
    return ngettext("{n} commit", "{n} commit", n).format(n=n)
