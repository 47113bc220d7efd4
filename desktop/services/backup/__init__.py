"""Copies of the database: made and checked (daily, by hand, before a migration or a
restore), pruned, restored under a new device identity, and the newest good one found
when the file is damaged; and what the About dialog shows (about)."""

from desktop.services.backup.about import FONT, FONT_LICENSE, AboutInfo, about_info
from desktop.services.backup.service import (
    KEEP,
    BackupError,
    BackupInfo,
    BackupSettings,
    accounts_in_file,
    backup_folder,
    backup_if_due,
    backup_name,
    backup_settings,
    check_copy,
    list_backups,
    make_backup,
    newest_good_backup,
    prune,
    remove_orphans,
    renew_device,
    replace_damaged,
    restore,
    save_backup_settings,
    tidy_backup_folders,
)

__all__ = [
    "FONT",
    "FONT_LICENSE",
    "KEEP",
    "AboutInfo",
    "BackupError",
    "BackupInfo",
    "BackupSettings",
    "about_info",
    "accounts_in_file",
    "backup_folder",
    "backup_if_due",
    "backup_name",
    "backup_settings",
    "check_copy",
    "list_backups",
    "make_backup",
    "newest_good_backup",
    "prune",
    "remove_orphans",
    "renew_device",
    "replace_damaged",
    "restore",
    "save_backup_settings",
    "tidy_backup_folders",
]
