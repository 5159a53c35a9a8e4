"""Fixtures shared by the integration tests."""

from collections.abc import Iterator

import pytest

from tests.support.mail import SmtpServer, smtp_server


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on loopback, one per test module."""
    with smtp_server() as server:
        yield server
