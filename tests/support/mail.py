"""A real SMTP server on a local port for the notification tests (aiosmtpd), which can be
stopped and started again on the same port to play a mail server that is away."""

from __future__ import annotations

from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from tests.support.processes import free_port


class Inbox:
    """Every message the server accepted, with the envelope's recipients."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [message for recipients, message in self.messages if address in recipients]


class MailServer:
    """`start()` listens on `port` (the same one each time); `stop()` closes it."""

    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def settings(self) -> dict[str, str]:
        """The app's settings that send to this server."""
        return {"REKAM_SMTP_HOST": "127.0.0.1", "REKAM_SMTP_PORT": str(self.port),
                "REKAM_SMTP_STARTTLS": "0", "REKAM_SMTP_FROM": "rekam@test.example",
                "REKAM_BASE_URL": "https://rekam.test.example"}
