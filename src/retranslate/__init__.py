"""retranslate: find, repair and diff clear mistranslations in English machine-translated from Russian."""

__version__ = "0.1.0"
