"""azcli: an az-compatible command-line tool for Azure with an embedded local cloud."""
__version__ = "0.1.0"
