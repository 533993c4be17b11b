"""The fast paths of ``dvcli consolidate`` (issue 6) change nothing but speed and memory.

The package's own templates render in a trusted, cached Jinja environment; any workspace
template takes the whole render back into the sandbox. The golden tests keep the output
byte-identical; these tests keep the security boundary and the file listing exact.
"""

from __future__ import annotations

from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from consolidate_support import make
from dvcli import render
from dvcli.services.consolidate import yaml_files


def test_package_templates_render_in_the_trusted_environment(tmp_path: Path) -> None:
    name = "tong-hop-tuan.md.j2"
    assert render.choose_environment(name, None) is render.trusted_environment()
    assert render.choose_environment(name, tmp_path / "missing") is render.trusted_environment()
    (tmp_path / "ghi-chu.txt").write_text("không phải mẫu\n", encoding="utf-8")
    assert render.choose_environment(name, tmp_path) is render.trusted_environment()
    assert not isinstance(render.trusted_environment(), SandboxedEnvironment)


def test_any_override_sends_the_render_into_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "_bao-cao.md.j2").write_text("x\n", encoding="utf-8")  # included by tong-hop-tuan.md.j2
    assert isinstance(render.choose_environment("tong-hop-tuan.md.j2", tmp_path), SandboxedEnvironment)
    (tmp_path / "_bao-cao.md.j2").unlink()
    (tmp_path / "rieng.md.j2").write_text("x\n", encoding="utf-8")  # a template only the workspace has
    assert isinstance(render.choose_environment("rieng.md.j2", tmp_path), SandboxedEnvironment)


def test_an_overriding_workspace_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    ws = make(tmp_path)
    (ws.root / "templates").mkdir()
    (ws.root / "templates" / "_bao-cao.md.j2").write_text('{{ "".__class__.__mro__ }}\n', encoding="utf-8")
    result = ws.run("consolidate", "--week", "2021-W38")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"lỗi: mẫu {ws.root / 'templates' / '_bao-cao.md.j2'}:1 lỗi khi dựng: access to attribute "
                             "'__class__' of 'str' object is unsafe.\n"
                             "  gợi ý: kiểm tra tên biến trong mẫu; xem biến có sẵn trong docs/templates.md\n")


def test_yaml_files_lists_what_pathlib_glob_lists_in_the_same_order(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    for rel in ("2021/W38/a.yaml", "2021/W38/dot-xuat/b.yaml", "2021/W38-x/c.yaml", "2021/W38/.an.yaml",
                "2021/W38/ghi-chu.txt", "2021/W3/d.yaml", "e.yaml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x: 1\n", encoding="utf-8")
    (root / "thu-muc.yaml").mkdir()  # a folder named like a file is listed, as glob lists it
    (root / "lien-ket").symlink_to(root / "2021")  # a linked folder is not entered
    assert yaml_files(root) == sorted(root.glob("**/*.yaml"))
    assert yaml_files(tmp_path / "missing") == []
