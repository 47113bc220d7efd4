"""Domain rules and use cases. Plain Python: no Qt here."""
