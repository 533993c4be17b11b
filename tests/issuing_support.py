"""Helpers for the issuing tests: the example workspace under git, a test CA, real pyHanko signatures."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
IDENTITY = ["-c", "user.name=Thư ký", "-c", "user.email=thu-ky@example.vn"]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *IDENTITY, *args], cwd=root, check=True, capture_output=True, text=True).stdout


@dataclass
class Ws:
    root: Path

    def run(self, *args: str) -> Result:
        from dvcli.cli.app import app

        return CliRunner().invoke(app, ["--data", str(self.root), *args], catch_exceptions=False)

    def head(self) -> str:
        return git(self.root, "rev-parse", "--short", "HEAD").strip()


def example(root: Path) -> Ws:
    """The repository's example data/ (the 11 members' reports), committed in a new repository."""
    shutil.copytree(REPO / "data", root / "data")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "dữ liệu")
    return Ws(root)


@dataclass
class SigningCA:
    """A CA and a signer certificate made in the test (no network, nothing from outside)."""

    folder: Path
    trust: Path
    key: Path
    cert: Path
    ca: Path


def make_ca(folder: Path, signer: str = "Vy Tư Liệu", ca_name: str = "CA thử nghiệm dvcli") -> SigningCA:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ban Dân vận Trung ương"),
                          x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])

    usage = {"content_commitment": False, "key_encipherment": False, "data_encipherment": False,
             "key_agreement": False, "encipher_only": False, "decipher_only": False}
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name(ca_name)).issuer_name(name(ca_name))
          .public_key(ca_key.public_key()).serial_number(1)
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, **usage), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(name(signer)).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(0x2A)
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=False, crl_sign=False,
                                         **{**usage, "content_commitment": True}), critical=True)
            .sign(ca_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    trust = folder / "trust"
    trust.mkdir(exist_ok=True)
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
    (trust / "ca.pem").write_bytes(ca.public_bytes(pem))
    (folder / "signer.pem").write_bytes(cert.public_bytes(pem))
    (folder / "signer.key").write_bytes(key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()))
    return SigningCA(folder, trust, folder / "signer.key", folder / "signer.pem", folder / "ca.pem")


def sign(ca: SigningCA, pdf: Path, out: Path, field: str = "ChuKySo") -> Path:
    """Sign ``pdf`` into its reserved field with pyHanko, as a signing tool would (an incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load(str(ca.key), str(ca.cert), ca_chain_files=(str(ca.ca),))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()))
    signed = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field), signer=signer)
    out.write_bytes(signed.getvalue())
    return out


def tree_digest(root: Path) -> dict[str, bytes]:
    """Every file under ``root/data`` with its bytes (nothing may change when a command is refused)."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted((root / "data").rglob("*")) if path.is_file()}
