"""The HTTP side: requests with the protocol headers, gzip both ways, errors in words.

Every answer carries the server's clock; the client keeps the offset it measured so
that the hybrid logical clock of this PC follows the server's, not a wrong wall clock."""

from __future__ import annotations

import gzip
import json
import time
from typing import Any

import requests
import urllib3

from desktop.sync.errors import CredentialError, OfflineError, SyncError, UpdateRequiredError
from protocol import PROTOCOL_VERSION
from protocol.messages import HEADER_PROTOCOL, HEADER_SCHEMA

TIMEOUT = (10, 120)  # connect, read (a large push is applied before the answer comes)


class SyncClient:
    def __init__(self, server_url: str, schema: str, token: str | None = None) -> None:
        self.base = server_url.rstrip("/")
        self.http = requests.Session()
        self.http.headers.update({HEADER_PROTOCOL: str(PROTOCOL_VERSION), HEADER_SCHEMA: schema,
                                  "Accept-Encoding": "gzip"})
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"
        self.clock_offset_ms: int | None = None
        self.bytes_sent = 0
        self.bytes_received = 0
        self.requests = 0

    def close(self) -> None:
        self.http.close()

    def call(self, method: str, path: str, body: dict[str, Any] | None = None, params: dict[str, Any] | None = None,
             compress: bool = False) -> dict[str, Any]:
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
            if compress:
                data = gzip.compress(data, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
        sent = time.time()
        try:
            response = self.http.request(method, self.base + path, data=data, params=params, headers=headers,
                                         timeout=TIMEOUT, stream=True)
            raw = response.raw.read(decode_content=False)
        except requests.exceptions.SSLError as exc:
            raise OfflineError("Không kết nối an toàn được tới máy chủ (chứng chỉ không hợp lệ). Hãy báo cấp trên "
                               "kiểm tra địa chỉ máy chủ.") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise OfflineError("Không kết nối được máy chủ đồng bộ: máy đang mất mạng hoặc máy chủ tạm ngừng. Dữ liệu "
                               "vẫn được lưu trên máy này và sẽ được gửi ở lần đồng bộ sau.") from exc
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise OfflineError(f"Đường truyền tới máy chủ bị gián đoạn ({type(exc).__name__}). Dữ liệu vẫn được lưu "
                               "trên máy này; lần đồng bộ sau sẽ tiếp tục.") from exc
        received = time.time()
        self.requests += 1
        self.bytes_sent += len(data or b"") + len(path) + 200
        self.bytes_received += len(raw) + 200
        if response.headers.get("content-encoding", "").lower() == "gzip":
            try:
                raw = gzip.decompress(raw)
            except (OSError, EOFError) as exc:
                raise OfflineError("Câu trả lời của máy chủ bị cắt giữa chừng; lần đồng bộ sau sẽ tiếp tục.") from exc
        try:
            payload = json.loads(raw) if raw else {}
        except ValueError as exc:
            raise SyncError(f"Máy chủ trả lời không đúng định dạng (mã {response.status_code}). Địa chỉ máy chủ có "
                            "đúng không?") from exc
        if response.status_code >= 400:
            self._raise(response.status_code, payload)
        server_ms = payload.get("server_time_ms") if isinstance(payload, dict) else None
        if server_ms:
            self.clock_offset_ms = int(server_ms - (sent + received) * 500)
        return payload

    @staticmethod
    def _raise(status: int, payload: Any) -> None:
        detail = payload.get("detail") if isinstance(payload, dict) else None
        code = payload.get("code") if isinstance(payload, dict) else None
        if not isinstance(detail, str):
            detail = None
        if status == 426:
            raise UpdateRequiredError(detail or "Cần cập nhật phần mềm hoặc máy chủ.", code)
        if status in (401, 403):
            raise CredentialError(detail or "Máy chủ không chấp nhận máy này.", code)
        if status >= 500:
            raise OfflineError(f"Máy chủ đồng bộ đang gặp sự cố (lỗi {status}). Dữ liệu vẫn được lưu trên máy này; hãy thử "
                               "lại sau.")
        raise SyncError(detail or f"Máy chủ từ chối yêu cầu (mã {status}).",
                        code or ("not_found" if status == 404 else None))
