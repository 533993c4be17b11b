"""Sign first, then number: ``issue prepare`` → a real pyHanko signature → ``issue register``.

The document is prepared once per module (LibreOffice makes the PDF, ~15 s) and each test works
on its own copy of that repository. Signatures are real: a CA and a signer certificate made in
the test, pyHanko signing the prepared PDF into its reserved field.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dvcli import yamlio
from issuing_support import SigningCA, Ws, example, git, make_ca, sign, tree_digest

pytestmark = pytest.mark.slow  # LibreOffice renders the PDF to sign: ~15 s per prepare on two cores

PREPARED = "data/prepared/2021-W38-tong-hop-tuan-1"
PDF = f"{PREPARED}/2021-W38-tong-hop-tuan-1.pdf"
ISSUED = "data/issued/2021/01-BC-TCT"
NOW = "2021-09-28T09:00:00+07:00"


@pytest.fixture(scope="module")
def prepared_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("prepared") / "ws"
    saved = os.environ.get("DVCLI_NOW")
    os.environ["DVCLI_NOW"] = "2021-09-27T10:00:00+07:00"
    try:
        ws = example(root)
        result = ws.run("issue", "prepare", "--week", "2021-W38")
        assert result.exit_code == 0, result.stderr
        assert result.stderr == (
            "Đã chuẩn bị để ký (chưa cấp số): 2021-W38-tong-hop-tuan-1\n"
            f"  ký số tệp {PDF}, rồi: dvcli issue register TỆP_ĐÃ_KÝ (ký tay: in, ký, quét, rồi thêm --paper)\n")
        assert result.stdout == "".join(f"{PREPARED}/{name}\n" for name in
                                        ("2021-W38-tong-hop-tuan-1.pdf", "2021-W38-tong-hop-tuan-1.docx", "prepared.yaml"))
    finally:
        if saved is None:
            os.environ.pop("DVCLI_NOW", None)
        else:
            os.environ["DVCLI_NOW"] = saved
    yield root


@pytest.fixture
def ws(prepared_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Ws:
    root = tmp_path / "ws"
    shutil.copytree(prepared_repo, root, symlinks=True)
    monkeypatch.setenv("DVCLI_NOW", NOW)
    return Ws(root)


@pytest.fixture
def ca(tmp_path: Path) -> SigningCA:
    return make_ca(tmp_path / "ca")


def test_prepare_takes_no_number_and_reserves_the_signature(ws: Ws) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    assert not (ws.root / "data/issued").exists()  # no number taken
    record = yamlio.load(ws.root / PREPARED / "prepared.yaml")
    assert "number" not in record and "date" not in record
    assert record["commit"] == git(ws.root, "rev-parse", "HEAD~1").strip()  # the sources' commit, before prepare
    with (ws.root / PDF).open("rb") as handle:
        fields = [name for name, value, _ref in enumerate_sig_fields(PdfFileReader(handle)) if value is None]
    assert fields == ["ChuKySo"]  # the signature area, empty
    import subprocess

    fonts = subprocess.run(["pdffonts", str(ws.root / PDF)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # every font embedded
    text = subprocess.run(["pdftotext", "-l", "1", str(ws.root / PDF), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Số       -BC/TCT" in text.replace("\u00a0", " ") or "-BC/TCT" in text
    assert "Hà Nội, ngày" in text and "tháng" in text and "2021-09" not in text
    assert "Dân vận" in text  # Vietnamese glyphs come out as text, not boxes


def test_register_verifies_the_signature_and_records_the_signer(ws: Ws, ca: SigningCA, tmp_path: Path) -> None:
    signed = sign(ca, ws.root / PDF, tmp_path / "da-ky.pdf")
    result = ws.run("issue", "register", str(signed), "--trust", str(ca.trust))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"Đã ban hành 01-BC/TCT ngày 28/09/2021 (bản ký số, 1 chữ ký hợp lệ): {ISSUED}"
    assert lines[1].startswith("  chữ ký ChuKySo: Common Name: Vy Tư Liệu, Organization: Ban Dân vận Trung ương, "
                               "Country: VN; ký lúc ")
    assert result.stdout == f"{ISSUED}/01-BC-TCT.pdf\n{ISSUED}/issued.yaml\n"
    assert (ws.root / ISSUED / "01-BC-TCT.pdf").read_bytes() == signed.read_bytes()  # the original, as signed
    record = yamlio.load(ws.root / ISSUED / "issued.yaml")
    assert (record["release"], record["original"], record["prepared"]) == (
        "signed-pdf", "01-BC-TCT.pdf", "2021-W38-tong-hop-tuan-1")
    [signature] = record["signatures"]
    assert signature["signer"] == "Common Name: Vy Tư Liệu, Organization: Ban Dân vận Trung ương, Country: VN"
    assert signature["issuer"].startswith("Common Name: CA thử nghiệm dvcli")
    assert (signature["intact"], signature["trusted"], signature["covers"], signature["serial"]) == (
        "true", "true", "entire-file", "2a")
    assert git(ws.root, "log", "-1", "--format=%s").startswith("ban hành (bản ký số): Số 01-BC/TCT — Báo cáo")
    assert git(ws.root, "status", "--porcelain") == ""
    assert ws.run("check").exit_code == 0
    show = ws.run("issued", "show", "01")
    assert "Phát hành: bản ký số; bản gốc: 01-BC-TCT.pdf\n" in show.stdout
    assert "Chữ ký số ChuKySo: Common Name: Vy Tư Liệu" in show.stdout


def test_one_changed_byte_is_refused(ws: Ws, ca: SigningCA, tmp_path: Path) -> None:
    signed = sign(ca, ws.root / PDF, tmp_path / "da-ky.pdf")
    data = bytearray(signed.read_bytes())
    at = data.index(b"stream", len(data) // 4) + 40  # a byte of a page's content stream, inside the signed range
    data[at] ^= 0x01
    forged = tmp_path / "da-sua.pdf"
    forged.write_bytes(bytes(data))
    before = tree_digest(ws.root)
    result = ws.run("issue", "register", str(forged), "--trust", str(ca.trust))
    assert result.exit_code == 1
    assert result.stderr == (
        "lỗi: chữ ký số ChuKySo của Common Name: Vy Tư Liệu, Organization: Ban Dân vận Trung ương, Country: VN "
        "không còn nguyên vẹn: nội dung đã ký bị sửa\n"
        f"  gợi ý: không đăng ký tệp {forged}; lấy lại bản gốc đã ký từ người ký\n")
    assert tree_digest(ws.root) == before and not (ws.root / "data/issued").exists()


def test_unsigned_pdf_needs_paper(ws: Ws, tmp_path: Path) -> None:
    scan = tmp_path / "ban-quet.pdf"
    shutil.copy(ws.root / PDF, scan)  # printed, signed by hand, scanned: no digital signature
    result = ws.run("issue", "register", str(scan))
    assert result.exit_code == 1
    assert result.stderr == (
        f"lỗi: tệp {scan} không có chữ ký số\n"
        "  gợi ý: bản quét văn bản ký tay: thêm --paper; văn bản điện tử: ký số tệp "
        f"{PDF} rồi đăng ký tệp đã ký\n")
    assert not (ws.root / "data/issued").exists()
    result = ws.run("issue", "register", str(scan), "--paper", "--date", "2021-09-29")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Đã ban hành 01-BC/TCT ngày 29/09/2021 (bản quét văn bản ký tay): {ISSUED}\n"
    record = yamlio.load(ws.root / ISSUED / "issued.yaml")
    assert (record["release"], record["date"], record["signatures"]) == ("paper", "2021-09-29", [])


def test_untrusted_signer_and_missing_anchors_are_refused(ws: Ws, ca: SigningCA, tmp_path: Path) -> None:
    signed = sign(ca, ws.root / PDF, tmp_path / "da-ky.pdf")
    other = make_ca(tmp_path / "other", ca_name="CA khác")
    result = ws.run("issue", "register", str(signed), "--trust", str(other.trust))
    assert result.exit_code == 1
    assert result.stderr == (
        "lỗi: chứng thư của người ký Common Name: Vy Tư Liệu, Organization: Ban Dân vận Trung ương, Country: VN "
        "(do Common Name: CA thử nghiệm dvcli, Organization: Ban Dân vận Trung ương, Country: VN cấp) không dẫn tới "
        "CA tin cậy nào\n"
        "  gợi ý: nếu CA này đúng là nơi cấp chữ ký số cho cơ quan, chép chứng thư gốc của CA vào thư mục tin cậy "
        "(--trust / DVCLI_TRUST_DIR) rồi chạy lại\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = ws.run("issue", "register", str(signed), "--trust", str(empty))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"lỗi: chưa có chứng thư CA tin cậy nào trong {empty} để kiểm tra chữ ký số\n")
    assert not (ws.root / "data/issued").exists()


def test_a_signed_pdf_that_is_not_the_prepared_one_is_refused(ws: Ws, ca: SigningCA, tmp_path: Path) -> None:
    data = bytearray((ws.root / PDF).read_bytes())
    data[data.index(b"stream", len(data) // 4) + 40] ^= 0x01  # another content, then signed: intact, trusted
    other = tmp_path / "khac.pdf"
    other.write_bytes(bytes(data))
    signed = sign(ca, other, tmp_path / "khac-da-ky.pdf")
    result = ws.run("issue", "register", str(signed), "--trust", str(ca.trust), "--prepared", "2021-W38-tong-hop-tuan-1")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"lỗi: tệp đã ký {signed} không phải văn bản đã chuẩn bị 2021-W38-tong-hop-tuan-1\n")


def test_number_is_taken_at_registration(ws: Ws, ca: SigningCA, tmp_path: Path) -> None:
    """A document prepared twice (the first one sent back) is released once, as 01; no number burnt."""
    result = ws.run("issue", "prepare", "--week", "2021-W38")
    assert result.exit_code == 0, result.stderr
    second = "data/prepared/2021-W38-tong-hop-tuan-2/2021-W38-tong-hop-tuan-2.pdf"
    assert (ws.root / second).is_file()
    signed = sign(ca, ws.root / second, tmp_path / "lan-2-da-ky.pdf")
    result = ws.run("issue", "register", str(signed), "--trust", str(ca.trust))
    assert result.exit_code == 0, result.stderr
    record = yamlio.load(ws.root / ISSUED / "issued.yaml")
    assert (record["number"], record["prepared"]) == ("1", "2021-W38-tong-hop-tuan-2")
    listing = ws.run("issued", "list", "--format", "json")
    assert [row["symbol"] for row in __import__("json").loads(listing.stdout)] == ["01-BC/TCT"]
