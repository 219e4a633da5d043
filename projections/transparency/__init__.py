"""Public transparency: disclosure control, the monthly releases computed from the events, their
append-only store, and when they are published."""
