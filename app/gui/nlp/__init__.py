"""NLP views: the Quotes panel (who said what) and the Concordance (KWIC) dialog."""
