"""Sổ Công đoàn: the union office's ledger (desktop application)."""

__version__ = "0.1.0"
APP_NAME = "Sổ Công đoàn"
# Folder name for platformdirs: ASCII so that it is safe on every file system.
APP_DIR_NAME = "SoCongDoan"
