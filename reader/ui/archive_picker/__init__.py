"""Picking a page from a web archive (``reader ARCHIVE.warc``)."""
