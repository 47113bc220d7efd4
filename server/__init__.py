"""The central server of Sổ Công đoàn: the union hierarchy, devices and sync."""
