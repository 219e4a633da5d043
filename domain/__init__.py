"""Rekam Jejak domain: aggregates, events, value objects, regulation rules, application service.

Imports nothing from web frameworks or database drivers and reads no environment: the
application service receives its configuration and its stores from the caller.
"""
