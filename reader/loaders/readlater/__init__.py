"""Read-later services' exports, read into plain records (no library, no network).

``read_export(path, limits)`` recognises the export by its content (Omnivore's ZIP,
wallabag's JSON, Pocket/Instapaper/Raindrop CSV, Readwise's highlights CSV) and
returns an :class:`Export`; :func:`export_kind` only says which one it is.
"""

from reader.loaders.readlater.detect import ExportKind, export_kind, read_export
from reader.loaders.readlater.records import Export, ExportHighlight, ExportItem

__all__ = ["Export", "ExportHighlight", "ExportItem", "ExportKind", "export_kind", "read_export"]
