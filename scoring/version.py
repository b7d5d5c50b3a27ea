"""The package version, on the floor of the layout so that any stage may read it."""
__version__ = "0.1.0"
