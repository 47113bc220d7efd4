"""Qt views: pages, dialogs and table models. They ask services for plain data."""
