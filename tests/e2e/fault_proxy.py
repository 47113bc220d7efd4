"""A forwarding HTTP proxy that injects the network faults the sync must survive:
the connection refused before the request, the answer lost after the server acted,
a page cut in the middle, a request delivered twice. Faults on purpose, over real HTTP."""

from __future__ import annotations

import gzip
import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FaultProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.faults: list[tuple[str, str]] = []  # (kind, path prefix), each used once
        self.seen: list[str] = []
        self.bodies: list[bytes] = []  # every push body, uncompressed, for replay checks
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.seen.append(self.path)
                if self.path.startswith("/api/v1/sync/push"):
                    raw = gzip.decompress(body) if self.headers.get("Content-Encoding") == "gzip" else body
                    proxy.bodies.append(raw)
                fault = proxy._take(self.path)
                if fault == "refuse":
                    self.close_connection = True
                    self.connection.close()
                    return
                status, headers, data = proxy._forward(self.command, self.path, self.headers, body)
                if fault == "twice":
                    status, headers, data = proxy._forward(self.command, self.path, self.headers, body)
                if fault == "drop_answer":
                    self.close_connection = True
                    self.connection.close()
                    return
                self.send_response(status)
                for k, v in headers:
                    if k.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if fault == "cut":
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.close()
                    return
                self.wfile.write(data)

            do_GET = do_POST = _any

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def inject(self, kind: str, path: str) -> None:
        self.faults.append((kind, path))

    def _take(self, path: str) -> str | None:
        for i, (kind, prefix) in enumerate(self.faults):
            if path.startswith(prefix):
                del self.faults[i]
                return kind
        return None

    def _forward(self, method, path, headers, body):
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
        try:
            conn.request(method, path, body=body or None,
                         headers={k: v for k, v in headers.items() if k.lower() not in ("host", "connection")})
            r = conn.getresponse()
            return r.status, r.getheaders(), r.read()
        finally:
            conn.close()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
