"""Helpers the tests share that record nothing themselves: logging in, threads, processes."""
