"""``parallel.map_shared``: forked children and this process share one job (issue 6).

Whatever happens to the children — they run, fail, cannot be forked — the answer is exactly
``function(items)``, in order, and no child outlives the call.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

import pytest

from dvcli import parallel


def squares(items: Sequence[int]) -> list[tuple[int, int, bool]]:
    """Each item with its square and whether a forked child computed it."""
    return [(item, item * item, parallel.in_worker()) for item in items]


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_FILES", 0)  # fork even for a few items


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def slow_squares(items: Sequence[int]) -> list[tuple[int, int, bool]]:
    time.sleep(0.002 * len(items))  # long enough that every process gets chunks to take
    return squares(items)


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_children_and_this_process_share_the_items_in_order(forking: None, monkeypatch: pytest.MonkeyPatch,
                                                             jobs: str) -> None:
    monkeypatch.setenv("DVCLI_JOBS", jobs)
    monkeypatch.setattr(parallel, "CHUNK_MIN", 1)
    items = list(range(200))
    result = parallel.map_shared(slow_squares, items, [1] * len(items))
    assert [(item, square) for item, square, _ in result] == [(item, item * item) for item in items]
    # chunks are taken as each process frees up: both sides computed some
    assert any(child for *_, child in result) and not all(child for *_, child in result)
    assert no_children_left()


def test_chunks_are_taken_as_they_go_not_by_the_estimate(forking: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # the estimate says the first half is the work; the real cost is all in the second half
    monkeypatch.setenv("DVCLI_JOBS", "2")
    monkeypatch.setattr(parallel, "CHUNK_MIN", 1)

    def costly_second_half(items: Sequence[int]) -> list[tuple[int, int, bool]]:
        time.sleep(sum(0.004 for item in items if item >= 50))
        return squares(items)

    items = list(range(100))
    result = parallel.map_shared(costly_second_half, items, [100] * 50 + [1] * 50)
    assert [item for item, *_ in result] == items
    late = [child for item, _, child in result if item >= 50]
    assert any(late) and not all(late)  # the costly half was shared, whatever the estimate said
    assert no_children_left()


def test_the_slices_follow_the_costs_not_the_count() -> None:
    costs = [1] * 10 + [10] * 10  # cheap items first: a half of the cost is 55
    assert parallel._cut(costs, [0.5]) == [0, 14]
    assert parallel._cut(costs, [0.25, 0.25]) == [0, 11, 14]
    assert parallel._cut([], [0.5]) == [0, 0]


def test_a_failing_child_has_its_slice_computed_here(forking: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_JOBS", "2")

    def fails_in_a_child(items: Sequence[int]) -> list[tuple[int, int, bool]]:
        if parallel.in_worker():
            raise RuntimeError("a child failed")
        return squares(items)

    items = list(range(50))
    result = parallel.map_shared(fails_in_a_child, items, [1] * 50)
    assert result == [(item, item * item, False) for item in items]
    assert no_children_left()


def test_without_a_fork_everything_is_computed_here(forking: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_JOBS", "2")

    def refuse() -> int:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    items = list(range(50))
    result = parallel.map_shared(squares, items, [1] * 50)
    assert result == [(item, item * item, False) for item in items]


def test_a_failure_here_stops_and_reaps_the_children(forking: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DVCLI_JOBS", "3")
    monkeypatch.setattr(parallel, "CHUNK_MIN", 1)

    def fails_here(items: Sequence[int]) -> list[int]:
        if not parallel.in_worker():
            raise ValueError("this process failed")
        time.sleep(0.01)  # the children are still at work when this process fails
        return list(items)

    with pytest.raises(ValueError, match="this process failed"):
        parallel.map_shared(fails_here, list(range(50)), [1] * 50)
    assert no_children_left()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_few_items_or_one_job_stay_in_this_process(monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    monkeypatch.setenv("DVCLI_JOBS", jobs)
    items = list(range(10))  # far below MIN_FILES
    assert parallel.map_shared(squares, items, [1] * 10) == squares(items)


def _signals_in_worker(task: int) -> tuple[bool, bool]:
    import signal

    return signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_pool_workers_take_sigterm_plainly_and_leave_ctrl_c_here(monkeypatch: pytest.MonkeyPatch,
                                                                 capfd: pytest.CaptureFixture[str]) -> None:
    # with dvcli's handlers inherited, a SIGTERM turned into an exception the pool's loop
    # swallowed, and `dvcli check` on a year of history hung after its last task
    import signal

    from dvcli import interrupts

    monkeypatch.setattr(parallel, "MIN_FILES", 0)
    monkeypatch.setenv("DVCLI_JOBS", "2")
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    interrupts.install()
    try:
        with interrupts.deferred():  # a worker forked here noted SIGTERM and went on waiting
            results = parallel.map_tasks(_signals_in_worker, list(range(8)), files=10_000)
    finally:
        signal.signal(signal.SIGTERM, before[0])
        signal.signal(signal.SIGINT, before[1])
    assert results == [(True, True)] * 8
    assert no_children_left()
    assert capfd.readouterr().err == ""  # no worker's traceback on the terminal


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_this_processs_other_work_is_done_first_while_the_children_take_chunks(
        forking: None, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    monkeypatch.setenv("DVCLI_JOBS", jobs)
    monkeypatch.setattr(parallel, "CHUNK_MIN", 1)
    done: list[str] = []

    def other_work() -> None:
        time.sleep(0.2)  # the children take chunks meanwhile
        done.append("first")

    items = list(range(100))
    result = parallel.map_shared(slow_squares, items, [1] * len(items), first=other_work)
    assert done == ["first"] and [item for item, *_ in result] == items
    by_child = [child for *_, child in result]
    if jobs == "2":  # the child took chunks while this process was busy, and this one took the rest
        assert by_child[0] and not all(by_child)
    else:
        assert not any(by_child)
    assert parallel.map_shared(squares, items, [1] * len(items), first=lambda: done.append("again"),
                               minimum=1000) == squares(items) and done[-1] == "again"  # not forked: done too
    assert no_children_left()


def test_a_child_that_dies_midway_has_sent_what_it_finished(forking: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chunks a child finished before it died come from it; the one it died in, and every
    chunk after, are computed here: the answer is exact either way."""
    monkeypatch.setenv("DVCLI_JOBS", "2")
    monkeypatch.setattr(parallel, "CHUNK_MIN", 1)

    def dies_at_sixty(items: Sequence[int]) -> list[tuple[int, int, bool]]:
        if parallel.in_worker() and any(item >= 60 for item in items):
            os._exit(1)  # no exception, no clean-up: as a crash or a kill would leave it
        time.sleep(0.002 * len(items))
        return squares(items)

    items = list(range(100))
    result = parallel.map_shared(dies_at_sixty, items, [1] * len(items))
    assert [(item, square) for item, square, _ in result] == [(item, item * item) for item in items]
    assert any(child for *_, child in result)  # what it finished was used
    assert not any(child for item, _, child in result if item >= 60)
    assert no_children_left()


def test_only_whole_frames_are_taken() -> None:
    frames = parallel._Frames()
    try:
        assert frames.finished() == []
        frames.append(3, b"abc")
        data = b"x" * 1000
        frames.file.write(parallel._Frames._HEAD.pack(7, len(data)) + data[:400])  # a child mid-write
        frames.file.flush()
        assert frames.finished() == [(3, b"abc")]
        assert frames.finished() == []  # still being written
        frames.file.write(data[400:])
        frames.file.flush()
        assert frames.finished() == [(7, data)]
    finally:
        frames.close()


def test_no_temporary_file_or_a_full_disk_leaves_the_work_here(forking: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no temporary file can be made (a read-only or missing TMPDIR), nothing is forked; where
    a child cannot write its frames (a full disk), it fails and its chunks are computed here."""
    monkeypatch.setenv("DVCLI_JOBS", "2")
    monkeypatch.setattr(parallel, "CHUNK_MIN", 1)
    items = list(range(60))

    def no_file() -> None:
        raise OSError(30, "Read-only file system")

    with monkeypatch.context() as patched:
        patched.setattr(parallel.tempfile, "TemporaryFile", no_file)
        assert parallel.map_shared(squares, items, [1] * len(items)) == squares(items)

    def disk_full(self: object, index: int, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(parallel._Frames, "append", disk_full)
    result = parallel.map_shared(slow_squares, items, [1] * len(items))
    assert result == [(item, item * item, False) for item in items]
    assert no_children_left()
