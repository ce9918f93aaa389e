"""Quotecoder: hand coding of quotes and themes in news articles and speeches."""

__version__ = "0.1.0"
