"""The versions a device's request names: the protocol and the schema it speaks, checked
before anything else is read, and the schema remembered for the administrator."""

from __future__ import annotations

from protocol import PROTOCOL_VERSION, SCHEMA_VERSIONS
from server.devices.models import Device
from server.errors import UpgradeRequired


def check_versions(protocol: str | None, schema: str | None) -> None:
    try:
        proto = int(protocol or "0")
    except ValueError:
        proto = 0
    # Every desktop sends both headers (desktop/sync/client.py): a request without the
    # schema version comes from a client too old to know it, and is told to update.
    if proto < PROTOCOL_VERSION or not schema or schema < SCHEMA_VERSIONS[0]:
        raise UpgradeRequired("update_app", "Phiên bản Sổ Công đoàn trên máy này đã cũ so với máy chủ. Hãy cập nhật "
                                            "phần mềm rồi đồng bộ lại; dữ liệu chưa gửi vẫn được giữ nguyên trên máy.")
    if proto > PROTOCOL_VERSION or (schema and schema not in SCHEMA_VERSIONS):
        raise UpgradeRequired("update_server", "Máy chủ đồng bộ chưa được cập nhật cho phiên bản phần mềm này. Hãy "
                                               "báo cấp trên cập nhật máy chủ; dữ liệu vẫn được giữ trên máy này.")


def record_schema(device: Device, schema: str | None) -> None:
    if schema:
        device.last_schema = schema
