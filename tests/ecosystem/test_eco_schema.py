"""``dvcli schema``, the committed schemas/, and validation by a generic tool (check-jsonschema)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dvcli.cli.app import app
from dvcli.services import schema

from .conftest import REPO

KINDS = ["plan", "members", "assignment", "report", "issued", "revocation", "prepared"]
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def check_jsonschema(schema_file: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema_file), *map(str, files)],
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_equals_command_output(kind: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0
    committed = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed, "run: python scripts/write_schemas.py"


def test_committed_editor_settings_are_current() -> None:
    committed = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert committed == schema.editor_settings()


def test_schema_carries_descriptions_from_field_docstrings(runner: CliRunner) -> None:
    document = json.loads(runner.invoke(app, ["schema", "members"]).stdout)
    member = document["$defs"]["Member"]["properties"]
    assert member["id"]["description"] == "Id không dấu từ họ tên, ví dụ vy-tu-lieu."
    assert member["role"]["enum"] == ["to-truong", "thanh-vien", "thu-ky"]
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_unknown_kind(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "bao-cao"])
    assert result.exit_code == 1
    assert result.stderr == ('lỗi: không có loại tệp "bao-cao"\n'
                             "  gợi ý: chọn một trong: plan, members, assignment, report, withdrawal, review, request, issued, revocation, prepared, units, received, replaced\n")


def test_missing_kind(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 1
    assert result.stderr == "lỗi: thiếu loại tệp\n  gợi ý: chọn một trong: plan, members, assignment, report, withdrawal, review, request, issued, revocation, prepared, units, received, replaced\n"


def test_write_updates_only_stale_schemas(eco_ws: Path, runner: CliRunner) -> None:
    (eco_ws / "schemas" / "report.schema.json").write_text("{}\n", encoding="utf-8")
    result = runner.invoke(app, ["schema", "--write"])
    assert result.exit_code == 0
    assert result.stdout == "đã ghi schemas/report.schema.json\n"
    again = runner.invoke(app, ["schema", "--write"])
    assert again.stdout == "Các lược đồ trong schemas/ đã đúng với phiên bản dvcli này.\n"


def _data_files(kind: str) -> list[Path]:
    patterns = schema.KINDS[kind].files
    return sorted({path for pattern in patterns for path in REPO.glob(pattern)})


# issued: the example data has none (see the test below, which issues one in a copy)
@pytest.mark.parametrize("kind", ["plan", "members", "assignment", "report"])
def test_example_data_validates_with_check_jsonschema(kind: str) -> None:
    files = _data_files(kind)
    assert files, f"no example {kind} files"
    result = check_jsonschema(REPO / "schemas" / f"{kind}.schema.json", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_issued_record_validates_with_check_jsonschema(eco_ws: Path, runner: CliRunner) -> None:
    # data/ ships no issued report (issuing seals the example sources); issue one in a copy
    result = runner.invoke(app, ["consolidate", "--week", "2021-W38", "--issue", "--date", "2021-09-28",
                                 "--format", "md", "--no-commit"])
    assert result.exit_code == 0, result.stderr
    issued = sorted((eco_ws / "data" / "issued").glob("*/*/issued.yaml"))
    assert len(issued) == 1
    checked = check_jsonschema(eco_ws / "schemas" / "issued.schema.json", *issued)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    broken = issued[0].read_text(encoding="utf-8").replace("number: 1\n", "number: mot\n", 1)
    assert broken != issued[0].read_text(encoding="utf-8")
    issued[0].write_text(broken, encoding="utf-8")
    assert check_jsonschema(eco_ws / "schemas" / "issued.schema.json", *issued).returncode == 1


def test_phone_digits_are_a_number_to_generic_readers_but_accepted(tmp_path: Path) -> None:
    # check-jsonschema (ruamel.yaml, YAML 1.2) reads 0900000001 as the integer 900000001
    text = (REPO / "data" / "members.yaml").read_text(encoding="utf-8")
    assert "phone: 0900000001" in text
    result = check_jsonschema(REPO / "schemas" / "members.schema.json", REPO / "data" / "members.yaml")
    assert result.returncode == 0, result.stdout


def test_broken_file_fails_in_check_jsonschema_and_in_dvcli(eco_ws: Path, runner: CliRunner) -> None:
    members = eco_ws / "data" / "members.yaml"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace("    role: to-truong", "    role: chu-tich", 1), encoding="utf-8")
    result = check_jsonschema(eco_ws / "schemas" / "members.schema.json", members)
    assert result.returncode == 1
    assert "$.members[0].role: 'chu-tich' is not one of ['to-truong', 'thanh-vien', 'thu-ky']" in result.stdout
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 1
    assert 'members[0].role: "chu-tich" không phải giá trị được phép' in checked.stderr


def test_unknown_field_fails_in_check_jsonschema(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.write_text("member: vy-tu-lieu\nsubmitted: 2021-09-27 09:30\nperiod: 2021-W38\nghi_chu: x\n",
                      encoding="utf-8")
    result = check_jsonschema(REPO / "schemas" / "report.schema.json", report)
    assert result.returncode == 1
    assert "Additional properties are not allowed ('ghi_chu' was unexpected)" in result.stdout


def test_init_writes_schemas_and_editor_settings(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "moi")])
    assert result.exit_code == 0, result.output
    root = tmp_path / "moi"
    for kind in KINDS:
        assert (root / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8") == schema.text(kind)
    assert json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8")) == schema.editor_settings()
    first = (root / "data" / "plan.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/plan.schema.json"
    assert (root / first.split("=", 1)[1].replace("..", "data/..")).is_file()
    result = check_jsonschema(root / "schemas" / "plan.schema.json", root / "data" / "plan.yaml")
    assert result.returncode == 0, result.stdout


def test_modeline_is_relative_to_the_file(tmp_path: Path) -> None:
    report = tmp_path / "data" / "reports" / "2021" / "W38" / "dot-xuat" / "x.yaml"
    assert schema.modeline("report", report, tmp_path) == (
        "# yaml-language-server: $schema=../../../../../schemas/report.schema.json\n")
