"""retranslate: find, repair and diff clear mistranslations in English translated from Russian."""

__version__ = "0.2.0"
