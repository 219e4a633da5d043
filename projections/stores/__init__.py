"""Stores outside the views: choosing the backend, the event store's connections, the subject
keys and NIP registry, and the view store that holds every read model's tables."""
