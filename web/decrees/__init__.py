"""Decrees anyone can verify: the printable petikan SK and the public verification pages."""
