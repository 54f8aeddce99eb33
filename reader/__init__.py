"""reader: read saved web pages in the terminal."""

__version__ = "0.1.0"
