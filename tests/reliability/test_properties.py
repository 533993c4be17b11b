"""(e) Any report the schema accepts round-trips: written as dvcli writes it, read back equal,
and rendered to every format (Markdown, HTML, DOCX) without error — its text never evaluated
as a template and never left unescaped in HTML."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import unicodedata
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import COUNTS, DATA

from dvcli import consolidation, periods, schema, yamlio
from dvcli.model import Assignment, Plan, Report, Roster
from dvcli.services import consolidate_output
from dvcli.services.report_text import canonical
from dvcli.store import Store
from dvcli.textsafety import FORBIDDEN
from dvcli.workspace import Workspace

# The reliability suite is long (real processes, kills, clones): CI runs it, the README command does not.
pytestmark = pytest.mark.slow

_store = Store(Workspace(DATA.parent), use_cache=False)
PLAN: Plan = _store.plan()
ROSTER: Roster = _store.roster()
ASSIGNMENTS: list[tuple[str, Assignment]] = [
    (_store.ws.rel(path), _store.load(path, Assignment)) for path in sorted(_store.ws.assignments_dir.glob("**/*.yaml"))]
TASKS = [task.id for task in PLAN.tasks()]
INDICATORS = [indicator.id for indicator in PLAN.reporting.indicators]
VOCABULARY = {kind: [term.id for term in getattr(PLAN.vocabulary, kind)] for kind in ("subjects", "fields", "areas")}

# Text a person can type: anything but what reading refuses (textsafety.FORBIDDEN: surrogates, control,
# bidi and line-separator characters, non-characters; each has its own refusal test in test_hostile_text.py).
_chars = st.characters(blacklist_categories=("Cs", "Cc")).filter(lambda char: not FORBIDDEN.match(char))
_hostile = st.sampled_from(["{{ 7*7 }}", "{% if true %}x{% endif %}", "<script>alert(1)</script>", "& &amp;",
                            "**đậm**", "# tiêu đề", "- gạch", "0912345678", "no", "1e3", "2021-09-13", "'", '"',
                            "a\nb", "\n\nđoạn\n", "Tổ COVID cộng đồng", "\u200f", "\ufeff", " "])
_text = st.one_of(st.text(_chars, max_size=40), _hostile, st.lists(_hostile, max_size=4).map(" ".join)).map(
    lambda s: unicodedata.normalize("NFC", s))
_filled = _text.filter(lambda s: len(s) >= 1)
_slug = st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}\Z")


def _ids(kind: str) -> st.SearchStrategy[list[str]]:
    # mostly known vocabulary; sometimes an id the plan does not have (the schema accepts it)
    return st.lists(st.one_of(st.sampled_from(VOCABULARY[kind]), _slug), max_size=3, unique=True)


_results = st.lists(st.fixed_dictionaries(
    {"task": st.one_of(st.sampled_from(TASKS), _filled)},
    optional={"text": _text, "subjects": _ids("subjects"), "fields": _ids("fields"), "areas": _ids("areas")}),
    max_size=4)
_models = st.lists(st.fixed_dictionaries(
    {"name": _filled, "place": _filled},
    optional={"description": _text, "area": st.one_of(st.sampled_from(VOCABULARY["areas"]), _slug),
              "replicate": st.sampled_from(["true", "false"])}), max_size=3)
_numbers = st.one_of(  # at most INDICATOR_DIGITS (15) digits in all, the documented maximum
    st.integers(min_value=0, max_value=10**15 - 1).map(str),
    st.decimals(min_value=0, max_value=10**11 - 1, places=4, allow_nan=False, allow_infinity=False).map(str),
)
_indicators = st.dictionaries(st.one_of(st.sampled_from(INDICATORS), _slug), _numbers, max_size=5)
_moment = st.datetimes(min_value=dt.datetime(2021, 9, 13), max_value=dt.datetime(2022, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0).isoformat(sep=" "))


@st.composite
def report_data(draw: st.DrawFn) -> dict[str, Any]:
    """A report as a person writes it in YAML: every scalar a string."""
    data: dict[str, Any] = {"member": draw(st.sampled_from([member.id for member in ROSTER.members])),
                            "submitted": draw(_moment)}
    if draw(st.booleans()):
        data["period"] = f"2021-W{draw(st.integers(min_value=37, max_value=52)):02d}"
    else:
        data["date"] = draw(st.dates(min_value=dt.date(2021, 9, 13), max_value=dt.date(2021, 12, 31))).isoformat()
        data["title"] = draw(_filled)
    data["situation"] = draw(st.fixed_dictionaries({}, optional={"overview": _text, "thoughts": _text}))
    data["results"] = draw(_results)
    data["models"] = draw(_models)
    data["difficulties"] = draw(st.lists(_filled, max_size=3))
    data["proposals"] = draw(st.lists(st.fixed_dictionaries({"to": _filled, "text": _filled}), max_size=3))
    data["next_tasks"] = draw(st.lists(_filled, max_size=3))
    data["indicators"] = draw(_indicators)
    return data


def accepted(data: dict[str, Any]) -> Report:
    record, errors = schema.validate(Report, data)
    assert record is not None, errors
    return record


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_data())
def test_written_report_reads_back_equal(data: dict[str, Any]) -> None:
    record = accepted(data)
    text = canonical(record)  # exactly what dvcli stores
    again, errors = schema.validate(Report, yamlio.loads(text.encode("utf-8"), "r.yaml"))
    assert again == record, errors
    assert canonical(again) == text  # and writing it again changes nothing
    COUNTS["property examples"] += 1


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("render")
    shutil.copytree(DATA, root / "data")
    return Store(Workspace(root), use_cache=False)


def _render(store: Store, many: list[dict[str, Any]]) -> tuple[str, str]:
    """The HTML page and the Word document XML for these reports (tong-hop-tuan)."""
    records = [(f"data/reports/x/{index}.yaml", accepted(data)) for index, data in enumerate(many)]
    first = records[0][1]
    if first.period is not None:
        year, week = first.period.split("-W")
        period, kind = periods.week(int(year), int(week), PLAN.reporting), consolidation.KIND_WEEK
    else:
        assert first.date is not None
        period, kind = periods.date_range(first.date.isoformat(), first.date.isoformat()), consolidation.KIND_RANGE
    report = consolidation.consolidate(PLAN, ROSTER, records, ASSIGNMENTS, period, kind, None)
    output = PLAN.reporting.documents["tong-hop-tuan"]
    head = consolidation.heading(PLAN, ROSTER, output, report, None, dt.date(2021, 10, 4))
    context = consolidate_output.template_context(PLAN, report, head)
    files = consolidate_output.render_all(store, "tong-hop-tuan", ("md", "html", "docx"), context)
    with zipfile.ZipFile(io.BytesIO(files["docx"])) as docx:
        assert docx.testzip() is None
        document = docx.read("word/document.xml").decode("utf-8")
    return files["html"].decode("utf-8"), document


def _without_markup(value: Any) -> Any:
    """The same report data with every "<" turned into "(": text that can never become markup."""
    if isinstance(value, str):
        return value.replace("<", "(")
    if isinstance(value, dict):
        return {key: _without_markup(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_markup(item) for item in value]
    return value


_TAG = re.compile(r"<(/?[A-Za-z][\w:.-]*)")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(report_data(), min_size=1, max_size=3))
def test_accepted_reports_render_to_every_format(store: Store, many: list[dict[str, Any]]) -> None:
    """Every accepted report renders, and its text never adds an element to the HTML or Word XML.

    Metamorphic check: the page rendered from the reports has exactly the tags of the page
    rendered from the same reports with "<" replaced by "(" — so any "<b", "<script" in the
    text came out escaped, whatever else the text contains.
    """
    page, document = _render(store, many)
    plain_page, plain_document = _render(store, _without_markup(many))
    assert _TAG.findall(page) == _TAG.findall(plain_page)
    assert _TAG.findall(document) == _TAG.findall(plain_document)
    COUNTS["property examples"] += 1


def test_decimal_indicator_values_keep_every_digit() -> None:
    """A decimal of the documented maximum (15 digits) survives the write digit for digit, and one
    digit more is refused rather than rounded."""
    data = {"member": ROSTER.members[0].id, "submitted": "2021-10-04 09:30", "period": "2021-W40",
            "indicators": {INDICATORS[0]: "12345678901234.7", INDICATORS[1]: "0.10000000000001"}}
    record = accepted(data)
    again = accepted(yamlio.loads(canonical(record).encode("utf-8"), "r.yaml"))
    assert again.indicators == {INDICATORS[0]: Decimal("12345678901234.7"),
                                INDICATORS[1]: Decimal("0.10000000000001")}
    record, errors = schema.validate(Report, {**data, "indicators": {INDICATORS[0]: "1234567890123456.7"}})
    assert record is None and [error.message for error in errors] == [
        '"1234567890123456.7" có quá 15 chữ số (tối đa 999999999999999)']
