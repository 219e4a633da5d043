"""The public site (no login): home and health check, transparency pages with their charts,
open data and feeds, the log's checkpoints, and the in-memory cache of rendered pages."""
