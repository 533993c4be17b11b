from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _, ngettext
from .console import count_files, err, handled, options, out_styled, print_json
from .formats import TextJson

if TYPE_CHECKING:
    from ..services.search import Hit



@handled
def search(
    text: Annotated[str, typer.Argument(help=_("Nội dung cần tìm; không phân biệt dấu, chữ hoa."), show_default=False)],
    week: Annotated[str | None, typer.Option("--week", "-w", help=_("Chỉ tìm trong một tuần: 2021-W38, 38, this, last."))] = None,
    month: Annotated[str | None, typer.Option("--month", help=_("Tháng YYYY-MM (theo ngày chốt số liệu của kế hoạch)."))] = None,
    start: Annotated[str | None, typer.Option("--from", help=_("Từ ngày (2021-09-13 hoặc 13/09/2021)."))] = None,
    end: Annotated[str | None, typer.Option("--to", help=_("Đến ngày."))] = None,
    member: Annotated[str | None, typer.Option("--member", "-m", help=_("Chỉ tệp của thành viên này."))] = None,
    fmt: Annotated[TextJson, typer.Option("--format", help=_("text hoặc json."))] = TextJson.text,
) -> None:
    """Tìm trong báo cáo và phân công, không phân biệt dấu và chữ hoa; in tệp:dòng.

    Ví dụ: dvcli search "ton giao" --week 2021-W38
    """
    from ..services import open_store
    from ..services import search as service

    hits = service.search(open_store(options.data), service.Query(text, week, start, end, member, month))
    if fmt is TextJson.json:
        print_json([{"file": h.file, "line": h.line, "column": h.column, "text": h.text, "match": h.match}
                    for h in hits])
    else:
        for (file, line), spans in _by_line(hits).items():
            source, position = spans[0].text, 0
            pieces: list[tuple[str, bool]] = []
            indent = len(source) - len(source.lstrip())
            for hit in spans:
                begin = hit.column - 1
                pieces += [(source[max(position, indent):begin], False), (source[begin: begin + hit.length], True)]
                position = begin + hit.length
            out_styled(pieces, before=f"{file}:{line}: ", after=source[position:].rstrip())
        files = len({hit.file for hit in hits})
        err(_("{n} trong {f}.").format(n=ngettext("{n} kết quả", "{n} kết quả", len(hits)).format(n=len(hits)),
                                         f=count_files(files)) if hits
            else _("Không tìm thấy \"{t}\".").format(t=text))
    if not hits:
        raise typer.Exit(1)


def _by_line(hits: list[Hit]) -> dict[tuple[str, int], list[Hit]]:
    """Hits grouped by file and line (every match of a line highlighted on one output line)."""
    grouped: dict[tuple[str, int], list[Hit]] = {}
    for hit in hits:
        grouped.setdefault((hit.file, hit.line), []).append(hit)
    return grouped
