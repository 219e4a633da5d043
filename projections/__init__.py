"""Read side of Rekam Jejak: stores outside the event store and the views built from events."""
