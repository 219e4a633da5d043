"""Builders that record realistic data through the application service, for any test folder."""
