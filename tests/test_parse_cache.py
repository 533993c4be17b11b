"""The sharded parse cache and its clean verdicts (issue 6), through ``Store``.

Layout-independent behaviour (served from cache, same-size same-mtime edit revalidated, corrupt
files rebuilt) is also covered from the CLI in test_cache.py; these tests pin what the sharding,
pruning and verdicts add.
"""

from __future__ import annotations

import io
import os
import pickle
import shutil
from pathlib import Path

import pytest

from dvcli import cache, schema
from dvcli.model import Report
from dvcli.store import Store
from dvcli.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    shutil.copytree(REPO / "data", tmp_path / "data")
    return Workspace(tmp_path)


def a_report(ws: Workspace) -> Path:
    return sorted((ws.reports_dir / "2021" / "W38").glob("*.yaml"))[0]


def shard_files(ws: Workspace) -> dict[str, Path]:
    return {path.name: path for path in (ws.state_dir / "cache").iterdir()}


def test_each_report_week_is_its_own_shard() -> None:
    assert cache.shard_of("data/reports/2021/W38/vy-tu-lieu.yaml") == "data/reports/2021/W38"
    assert cache.shard_of("data/reports/2021/W38/dot-xuat/2021-09-22-a-b.yaml") == "data/reports/2021/W38"
    assert cache.shard_of("data/assignments/vy-tu-lieu/II.2_2021-09-13.yaml") == "data/assignments"
    assert cache.shard_of("data/plan.yaml") == "data"


def test_a_same_size_same_mtime_edit_is_read_again(ws: Workspace) -> None:
    path = a_report(ws)
    store = Store(ws)
    first = store.load(path, Report)
    store.close()
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    old = f"member: {first.member}"
    new = "member: " + first.member[:-1] + ("x" if first.member[-1] != "x" else "y")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    again = Store(ws).load(path, Report)
    assert again.member == new.removeprefix("member: ")


def test_reading_one_week_does_not_load_another(ws: Workspace) -> None:
    store = Store(ws)
    for path in (ws.reports_dir / "2021").rglob("*.yaml"):
        store.read(path, Report)
    store.close()
    names = shard_files(ws)
    assert {"data_reports_2021_W37.rec", "data_reports_2021_W38.rec"} <= names.keys()
    names["data_reports_2021_W37.rec"].write_bytes(b"not a pickle")
    store = Store(ws)
    assert store.read(a_report(ws), Report).record is not None
    assert set(store.cache.records) == {"data/reports/2021/W38"}


def test_entries_of_deleted_files_are_pruned(ws: Workspace) -> None:
    week = sorted((ws.reports_dir / "2021" / "W38").glob("*.yaml"))
    store = Store(ws)
    for path in week:
        store.read(path, Report)
    store.close()
    week[0].unlink()
    store = Store(ws)
    store.read(week[1], Report)
    store.cache.records["data/reports/2021/W38"].dirty = True  # any change to the shard rewrites it
    store.close()
    _header, entries = pickle.loads(shard_files(ws)["data_reports_2021_W38.rec"].read_bytes())
    assert ws.rel(week[0]) not in entries
    assert ws.rel(week[1]) in entries


def test_a_clean_verdict_holds_only_for_the_same_bytes_and_context(ws: Workspace) -> None:
    path = a_report(ws)
    store = Store(ws)
    loaded = store.read(path, Report)
    assert not store.known_clean(path, Report, "ctx-1")
    store.mark_clean(loaded, Report, "ctx-1")
    store.close()
    store = Store(ws)
    assert store.known_clean(path, Report, "ctx-1")
    assert not store.known_clean(path, Report, "ctx-2")  # the plan or roster changed
    path.write_bytes(path.read_bytes() + b"\n")
    assert not Store(ws).known_clean(path, Report, "ctx-1")


def test_a_foreign_pickle_is_never_executed(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = a_report(ws)
    Store(ws).read(path, Report)
    store = Store(ws)
    store.read(path, Report)
    store.close()
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    for file in shard_files(ws).values():
        file.write_bytes(pickle.dumps((cache._FORMAT, {ws.rel(path): ("Report", b"x", Evil())})))
    calls: list[object] = []
    real = schema.validate
    monkeypatch.setattr(schema, "validate", lambda *a, **k: calls.append(a) or real(*a, **k))
    store = Store(ws)
    assert store.read(path, Report).record is not None
    store.close()
    assert not marker.exists()
    assert calls  # rebuilt by parsing again
    monkeypatch.setattr(schema, "validate", real)
    _header, entries = pickle.loads(shard_files(ws)["data_reports_2021_W38.rec"].read_bytes())
    assert isinstance(entries[ws.rel(path)][2], Report)


def test_the_format_changes_with_the_record_types_source(tmp_path: Path) -> None:
    package = Path(cache.__file__).parent
    assert "model" in cache._SOURCES
    assert cache._FORMAT[-1] == cache.source_fingerprint(package)
    for name in cache._SOURCES:
        if (package / name).is_dir():
            shutil.copytree(package / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(package / name, tmp_path / name)
    assert cache.source_fingerprint(tmp_path) == cache._FORMAT[-1]
    record_types = tmp_path / "model" / "assignment.py"
    record_types.write_bytes(record_types.read_bytes().replace(
        b"    end: dt.date | None = None\n", b"    end: dt.date | None = None\n    extra: str | None = None\n", 1))
    changed = cache.source_fingerprint(tmp_path)
    assert changed != cache._FORMAT[-1]
    (tmp_path / "model" / "khac.py").write_text("X = 1\n", encoding="utf-8")  # a new record module counts too
    assert cache.source_fingerprint(tmp_path) != changed


def test_only_record_types_that_dvcli_model_exports_are_unpickled(ws: Workspace) -> None:
    path = a_report(ws)
    store = Store(ws)
    store.read(path, Report)
    store.close()
    assert b"dvcli.model.report" in shard_files(ws)["data_reports_2021_W38.rec"].read_bytes()  # pickled by module
    unpickler = cache._RecordUnpickler(io.BytesIO(b""))
    assert unpickler.find_class("dvcli.model.report", "Report") is Report
    for module, name in (("dvcli.model.report", "dataclass"),  # imported there, not a record type
                         ("dvcli.model", "Report"),  # not where Report is defined
                         ("dvcli.model.plan", "Report"),  # exported, but defined elsewhere
                         ("dvcli.model.common", "Annotated"), ("dvcli.modelx.report", "Report"),
                         ("dvcli.model.report", "_private"), ("dvcli.model.report", "Report.__init__")):
        with pytest.raises(pickle.UnpicklingError):
            unpickler.find_class(module, name)


def test_shards_of_another_source_fingerprint_are_rebuilt(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    path = a_report(ws)
    store = Store(ws)
    loaded = store.read(path, Report)
    store.mark_clean(loaded, Report, "ctx")
    store.close()
    monkeypatch.setattr(cache, "_FORMAT", (*cache._FORMAT[:-1], "record types of another shape"))
    calls: list[object] = []
    real = schema.validate
    monkeypatch.setattr(schema, "validate", lambda *a, **k: calls.append(a) or real(*a, **k))
    store = Store(ws)
    assert not store.known_clean(path, Report, "ctx")  # verdicts too
    assert store.read(path, Report).record is not None
    assert len(calls) == 1  # parsed and validated again, not served
    store.close()
    header, entries = pickle.loads(shard_files(ws)["data_reports_2021_W38.rec"].read_bytes())
    assert header == cache._FORMAT and ws.rel(path) in entries
