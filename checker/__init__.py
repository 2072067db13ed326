"""crosscheck: find where articles about one story disagree on numbers, dates and names."""

__version__ = "0.1.0"
EXTRACTOR_VERSION = f"{__version__}+extract.319"
