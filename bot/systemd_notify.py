"""systemd's notify protocol (sd_notify(3)): READY, WATCHDOG and STOPPING for Type=notify.

The protocol is one datagram on the Unix socket named by ``$NOTIFY_SOCKET``; libsystemd's
Python binding needs a C build, so the few lines are ours. Outside systemd nothing is sent.
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


def notify(state: str) -> bool:
    """Sends ``state`` (``READY=1``, ``WATCHDOG=1`` …); False when not run by systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket: its name starts with a NUL byte
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(state.encode())
    except OSError as error:
        log.warning("could not notify systemd (%s): %s", state.split("=")[0], error.strerror)
        return False
    return True
