"""Data that enters through the application service rather than a form: the synthetic demo
workforce and the SIMPEG-style legacy import. No Flask here: commands and tests call these."""
