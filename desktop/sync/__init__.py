"""Sync with the central server: the outbox, applying pulled changes, the HTTP client.

Below the services (which compose it into use cases) and above the models; it speaks
the wire format of the protocol package and never imports Qt."""
