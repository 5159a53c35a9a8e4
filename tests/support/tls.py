"""TLS for the test SMTP servers: a self-signed certificate for 127.0.0.1 made in the test run (cryptography),
and aiosmtpd servers speaking STARTTLS or implicit TLS with a password check."""

import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.mail import Inbox, free_port


@dataclass(frozen=True)
class Certificate:
    """A self-signed certificate (it is its own CA) and its key, as PEM files."""

    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        """What the test server presents."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def self_signed_certificate(folder: Path) -> Certificate:
    """A certificate for 127.0.0.1 and localhost, valid for a day, signed by its own key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "recoflow test SMTP")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return Certificate(cert_file, key_file)


class PasswordCheck:
    """Accepts one user with one password; remembers who logged in."""

    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password
        self.logins: list[str] = []

    def __call__(self, _server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.login.decode() == self.user and \
            data.password.decode() == self.password
        if ok:
            self.logins.append(self.user)
        # handled=False: aiosmtpd then answers 535 itself (its default assumes the hook answered, and stays silent).
        return AuthResult(success=ok, handled=False)


class TlsSmtpServer:
    """An SMTP server on 127.0.0.1 that requires TLS (STARTTLS or implicit) and a password before mail."""

    def __init__(self, certificate: Certificate, *, implicit: bool, user: str, password: str) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.check = PasswordCheck(user, password)
        context = certificate.server_context()
        tls: dict[str, Any] = {"ssl_context": context} if implicit else {"tls_context": context,
                                                                          "require_starttls": True}
        # With implicit TLS the whole connection is encrypted, which aiosmtpd's STARTTLS-only check does not see.
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, authenticator=self.check,
                                      auth_required=True, auth_require_tls=not implicit, **tls)

    def start(self) -> None:
        """Listen."""
        self._controller.start()

    def stop(self) -> None:
        """Stop listening."""
        self._controller.stop()
