"""The device credential, kept out of the database file: a copied or backed-up database
carries no key to the server. The OS keyring where there is one (Windows Credential
Manager, macOS Keychain, Secret Service); else a file readable only by this user in
the user's config folder. CONGDOAN_CREDENTIALS_DIR forces the file store (tests)."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

from platformdirs import user_config_dir

SERVICE = "SoCongDoan"


def _file_dir() -> Path:
    env = os.environ.get("CONGDOAN_CREDENTIALS_DIR")
    return Path(env) if env else Path(user_config_dir("SoCongDoan", appauthor=False)) / "credentials"


def _keyring() -> ModuleType | None:
    if os.environ.get("CONGDOAN_CREDENTIALS_DIR"):
        return None
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, (fail.Keyring, null.Keyring)) or getattr(backend, "priority", 0) < 1:
            return None
        return keyring
    # Any error: no usable backend on this machine (a backend may fail with its own errors:
    # D-Bus, a locked or missing store), and the file store serves instead.
    except Exception:  # noqa: BLE001
        return None


def save(device_id: str, token: str) -> str:
    """Store the credential; returns where ("keyring" or the file path) for the status page."""
    kr = _keyring()
    if kr is not None:
        try:
            kr.set_password(SERVICE, device_id, token)
            return "keyring"
        except Exception:  # noqa: BLE001  (as in _keyring: the file store serves instead)
            pass
    folder = _file_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{device_id}.token"
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(token)
    os.replace(tmp, path)
    return str(path)


def load(device_id: str) -> str | None:
    kr = _keyring()
    if kr is not None:
        try:
            token: str | None = kr.get_password(SERVICE, device_id)
            if token:
                return token
        except Exception:  # noqa: BLE001  (as in _keyring: the file store serves instead)
            pass
    path = _file_dir() / f"{device_id}.token"
    return path.read_text().strip() if path.exists() else None


def forget(device_id: str) -> None:
    kr = _keyring()
    if kr is not None:
        try:
            kr.delete_password(SERVICE, device_id)
        except Exception:  # noqa: BLE001  (as in _keyring: the file is removed all the same)
            pass
    (_file_dir() / f"{device_id}.token").unlink(missing_ok=True)
