"""GET /healthz on a small HTTP listener beside the webhook server (webhook mode only).

PTB's webhook server serves only the webhook path, so the health route gets its own port:
200 when the database answers, 503 otherwise; nothing else is served.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3

from bot.storage.db import Database

log = logging.getLogger(__name__)
HEALTH_PATH = "/healthz"


class HealthServer:
    def __init__(self, database: Database, host: str, port: int) -> None:
        self.database, self.host, self.port = database, host, port
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        log.info("health check on http://%s:%s%s", self.host, self.port, HEALTH_PATH)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _healthy(self) -> bool:
        try:
            conn = await self.database.connection()
            async with conn.execute("SELECT 1") as cursor:
                return await cursor.fetchone() is not None
        except (sqlite3.Error, OSError, ValueError):
            return False

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(reader.readline(), timeout=5)
            parts = request.decode("latin-1").split()
            if len(parts) >= 2 and parts[0] in {"GET", "HEAD"} and parts[1] == HEALTH_PATH:
                healthy = await self._healthy()
                status, body = (
                    ("200 OK", b"ok\n") if healthy else ("503 Service Unavailable", b"unhealthy\n")
                )
            else:
                status, body = "404 Not Found", b"not found\n"
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + (body if parts[:1] != ["HEAD"] else b"")
            )
            await writer.drain()
        except (TimeoutError, ConnectionError, ValueError):  # ValueError: line too long
            pass
        finally:
            writer.close()
