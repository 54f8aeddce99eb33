"""The one error of theme files, shared by the loader and the (lazily loaded) model."""


class ThemeFileError(ValueError):
    """A theme file that cannot be used; ``str()`` is a one-line reason."""
