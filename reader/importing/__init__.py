"""Bringing a library in: web archives, SingleFile saves and read-later exports.

Plain Python between the loaders and the store (no Textual): each module reads one
kind of input with the loaders, extracts with the pipeline and records in the store,
reporting what happened in plain records the command line and the UI both show.
"""
