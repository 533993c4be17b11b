"""What the preview memo's key reads besides the records (``snapshot/digests.py``): every entry of
a folder named, a change of any one seen, and no symbolic link followed out of the workspace."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dvcli.snapshot.digests import draft_digests, folder_digests, review_digests, unit_digests
from dvcli.workspace import Workspace


def _ws(root: Path) -> Workspace:
    (root / "data").mkdir(parents=True)
    return Workspace(root)


def test_every_entry_is_named_with_its_digest_and_a_change_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "b.md.j2").write_bytes(b"B")
    (folder / ".a.swp").write_bytes(b"A")  # a stray too: it only makes the memo miss
    (folder / "sub").mkdir()
    assert folder_digests(folder) == [f".a.swp:{hashlib.sha256(b'A').hexdigest()}",
                                      f"b.md.j2:{hashlib.sha256(b'B').hexdigest()}", "sub:?"]
    before = folder_digests(folder)
    (folder / "b.md.j2").write_bytes(b"C")
    assert folder_digests(folder) != before
    assert folder_digests(tmp_path / "none") == ["-"]


def test_a_linked_entry_is_never_read_through_its_link(tmp_path: Path) -> None:
    ws = _ws(tmp_path / "ws")
    secret = tmp_path / "secret.yaml"
    secret.write_text("mật khẩu\n", encoding="utf-8")
    (ws.data / "drafts").mkdir()
    (ws.data / "drafts" / "tong-hop-tuan-2021-W38.yaml").symlink_to(secret)
    (ws.data / "units.yaml").symlink_to(secret)
    before = (draft_digests(ws), unit_digests(ws))
    assert before == (["tong-hop-tuan-2021-W38.yaml:?"], ["data/units.yaml\0-"])
    secret.write_text("khác\n", encoding="utf-8")  # what the link points to is never part of the key
    assert (draft_digests(ws), unit_digests(ws)) == before


def test_review_files_are_named_by_their_workspace_path(tmp_path: Path) -> None:
    ws = _ws(tmp_path)
    folder = ws.reviews_dir / "2021" / "W38"
    folder.mkdir(parents=True)
    body = b"state: accepted\n"
    (folder / "bui-thuy.yaml").write_bytes(body)
    assert review_digests(ws) == [f"{ws.rel(folder / 'bui-thuy.yaml')}:{hashlib.sha256(body).hexdigest()}"]
