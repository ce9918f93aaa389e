"""Developer tools that are not part of the app: screenshot rendering, packaging."""
