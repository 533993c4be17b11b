"""Shell completion (bash, zsh, fish) for member ids and names, weeks, months, task ids,
vocabulary ids, template names, file kinds, issued and prepared documents, years, requests and reporting units.

Completers are attached by parameter name to every command of the tree when the root group
starts (``attach``), so a command added later gets them without touching its module: a
parameter named ``member`` completes members wherever it appears. They read the workspace
through the verified parse cache, never raise (a shell must never see a traceback), and answer
with the value plus a short description that zsh and fish show beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

Choice = tuple[str, str]


def _store(data: str | None) -> Any:
    from ..services import open_store

    return open_store(data)


def _matches(incomplete: str, *keys: str) -> bool:
    from ..folding import fold

    wanted = fold(incomplete)
    return any(fold(key).startswith(wanted) or any(word.startswith(wanted) for word in re.split(r"[\s-]+", fold(key)))
               for key in keys)


def members(incomplete: str, data: str | None = None) -> list[Choice]:
    """Member ids; typing part of a name (with or without accents) offers that member's id."""
    roster = _store(data).roster()
    return [(m.id, m.name) for m in roster.members if m.id.startswith(incomplete) or _matches(incomplete, m.name)]


def _today() -> dt.date:
    """Today by the one clock (``DVCLI_NOW`` honoured); a malformed pin falls back to the machine's day."""
    from ..errors import DvcliError
    from ..periods import now

    try:
        return now().date()
    except DvcliError:
        return dt.date.today()


def weeks(incomplete: str, data: str | None = None, today: dt.date | None = None) -> list[Choice]:
    """Weeks present in data/reports and the eight most recent ISO weeks, newest first."""
    from ..snapshot import report_files

    found: dict[str, str] = {}
    day = today or _today()
    for back in range(8):
        year, week, _weekday = (day - dt.timedelta(weeks=back)).isocalendar()
        found[f"{year}-W{week:02d}"] = ""
    try:
        for item in report_files(_store(data).ws, ad_hoc=False):
            found.setdefault(item.period, "")
    except Exception:  # noqa: BLE001 - outside a workspace the recent weeks still help
        pass
    labels = sorted(found, reverse=True) + ["this", "last"]
    return [(label, "") for label in labels if label.startswith(incomplete)]


def months(incomplete: str, data: str | None = None, today: dt.date | None = None) -> list[Choice]:
    """Months from the plan's start to this month, newest first."""
    plan = _store(data).plan()
    day, first = today or _today(), plan.reporting.start
    labels = []
    year, month = day.year, day.month
    while (year, month) >= (first.year, first.month):
        labels.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [(label, "") for label in labels[:24] if label.startswith(incomplete)]


_DRAFT_WEEK = re.compile(r"-(\d{4}-W\d{2})$")
_DRAFT_MONTH = re.compile(r"-(\d{4}-\d{2})$")


def _drafted(data: str | None, pattern: re.Pattern[str]) -> list[str]:
    """The periods of the drafts in ``data/drafts`` (``tong-hop-tuan-2021-W38.yaml``), newest first."""
    from ..snapshot.drafts import draft_files

    names = [path.stem for path in draft_files(_store(data).ws)]
    return sorted({match.group(1) for name in names if (match := pattern.search(name))}, reverse=True)


def _drafts_first(drafted: list[str], others: list[Choice], incomplete: str) -> list[Choice]:
    from ..i18n import _

    first = [(label, _("đã có dự thảo")) for label in drafted if label.startswith(incomplete)]
    return first + [choice for choice in others if choice[0] not in drafted]


def draft_weeks(incomplete: str, data: str | None = None, today: dt.date | None = None) -> list[Choice]:
    """``draft edit --week``: the weeks that have a draft, then every week ``weeks`` offers."""
    return _drafts_first(_drafted(data, _DRAFT_WEEK), weeks(incomplete, data, today), incomplete)


def draft_months(incomplete: str, data: str | None = None, today: dt.date | None = None) -> list[Choice]:
    """``draft edit --month``: the months that have a draft, then the plan's months."""
    return _drafts_first(_drafted(data, _DRAFT_MONTH), months(incomplete, data, today), incomplete)


def ad_hoc_titles(incomplete: str, data: str | None = None) -> list[Choice]:
    """Titles of the ad-hoc reports (``--ad-hoc``), newest first, with the day each was made."""
    from ..model import Report
    from ..snapshot import report_files

    store = _store(data)
    found: dict[str, str] = {}
    for item in sorted(report_files(store.ws), key=lambda item: item.path.name, reverse=True):
        if item.ad_hoc:
            title = store.load(item.path, Report).title or ""
            if title and _matches(incomplete, title):
                found.setdefault(title, item.path.name[:10])
    return list(found.items())


def tasks(incomplete: str, data: str | None = None) -> list[Choice]:
    plan = _store(data).plan()
    return [(item.id, item.short or "") for item in plan.tasks() if item.id.lower().startswith(incomplete.lower())]


def _vocabulary(kind: str) -> Callable[[str, str | None], list[Choice]]:
    def complete(incomplete: str, data: str | None = None) -> list[Choice]:
        terms = getattr(_store(data).plan().vocabulary, kind)
        return [(t.id, t.label) for t in terms if t.id.startswith(incomplete) or _matches(incomplete, t.label)]

    return complete


def templates(incomplete: str, data: str | None = None) -> list[Choice]:
    from ..services.templates import list_templates

    return [(t.name, ", ".join(t.formats)) for t in list_templates(_store(data)) if t.name.startswith(incomplete)]


def kinds(incomplete: str, data: str | None = None) -> list[Choice]:
    from ..services.schema import KINDS

    return [(k.name, k.title) for k in KINDS.values() if k.name.startswith(incomplete)]


def issued(incomplete: str, data: str | None = None) -> list[Choice]:
    """Issued documents by folder id (``2021/01-BC-BDVTW``), with their symbol and date."""
    from ..services.issuing import readable_issued

    found = readable_issued(_store(data))
    return [(item.folder_id, f"{item.record.symbol} {item.record.date.isoformat()}") for item in found
            if item.folder_id.startswith(incomplete) or item.path.parent.name.startswith(incomplete)]


def prepared(incomplete: str, data: str | None = None) -> list[Choice]:
    """Documents prepared for signature and not registered yet."""
    from ..services.issue_prepare import open_prepared

    return [(item.id, item.title) for item in open_prepared(_store(data)) if item.id.startswith(incomplete)]


def requests(incomplete: str, data: str | None = None) -> list[Choice]:
    """Requests for reports by id, with their title (from the file names and the cache, never raising)."""
    from ..services.requests import load_all

    return [(record.id, record.title) for _path, record in load_all(_store(data))
            if record.id.startswith(incomplete) or _matches(incomplete, record.title)]


def years(incomplete: str, data: str | None = None) -> list[Choice]:
    """Years that have issued documents."""
    from ..services.issuing import readable_issued

    found = sorted({str(item.record.date.year) for item in readable_issued(_store(data))}, reverse=True)
    return [(year, "") for year in found if year.startswith(incomplete)]


def unsent(incomplete: str, data: str | None = None) -> list[Choice]:
    """Commits of this clone not yet on the shared repository (what ``sync --set-aside`` can move)."""
    from .. import gitrepo
    from ..workspace import find

    root = find(data).root
    branch = gitrepo.current_branch(root)
    tracked = gitrepo.upstream(root, branch) if branch else None
    if tracked is None:
        return []
    commits = gitrepo.outgoing(root, gitrepo.rev(root, f"{branch}@{{upstream}}"), "HEAD")
    return [(sha[:12], subject) for sha, subject in reversed(commits) if sha.startswith(incomplete)]


def reporting_units(incomplete: str, data: str | None = None) -> list[Choice]:
    """The centre's reporting units (data/units.yaml), with their names."""
    from ..snapshot.received import reporting_units as load

    return [(unit.id, unit.name) for unit in load(_store(data)) if unit.id.startswith(incomplete)
            or _matches(incomplete, unit.name)]


# parameter name → completer
COMPLETERS: dict[str, Callable[..., list[Choice]]] = {
    "member": members, "record": members, "week": weeks, "month": months, "task": tasks,
    "template": templates, "subject": _vocabulary("subjects"), "field": _vocabulary("fields"),
    "area": _vocabulary("areas"), "kind": kinds, "replaces": issued, "document": issued, "prepared": prepared,
    "year": years, "set_aside": unsent, "request": requests,
}
# parameters whose generic name means something else per command (by the command's name, or its
# parent's and its own: "draft edit")
BY_COMMAND = {("copy", "name"): templates, ("remove", "unit"): reporting_units, ("receive", "unit"): reporting_units,
              ("draft edit", "week"): draft_weeks, ("draft edit", "month"): draft_months,
              ("draft edit", "ad_hoc"): ad_hoc_titles}

_SAFE = re.compile(r"^[^\x00-\x1f]*$")


def safely(completer: Callable[..., list[Choice]], incomplete: str, data: str | None) -> list[Choice]:
    """The completer's answer, or nothing at all if anything goes wrong."""
    try:
        return [(value, help_text) for value, help_text in completer(incomplete, data) if _SAFE.match(value)]
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def attach(command: Any) -> None:
    """Give every known parameter of ``command`` and its subcommands its completer."""
    from typer._click.shell_completion import CompletionItem

    def bind(param: Any, completer: Callable[..., list[Choice]]) -> None:
        def shell_complete(ctx: Any, incomplete: str) -> list[Any]:
            data = ctx.find_root().params.get("data")
            return [CompletionItem(value, help=help_text or None) for value, help_text in
                    safely(completer, incomplete, data)]

        param.shell_complete = shell_complete

    def walk(node: Any, parent: str) -> None:
        path = f"{parent} {node.name}".strip()
        for param in getattr(node, "params", ()):
            completer = (BY_COMMAND.get((path, param.name)) or BY_COMMAND.get((node.name, param.name))
                         or COMPLETERS.get(param.name or ""))
            if completer is not None:
                bind(param, completer)
        for child in getattr(node, "commands", {}).values():
            walk(child, path if parent or node is not command else "")

    walk(command, "")
