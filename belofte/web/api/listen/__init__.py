"""Listen: the ingest API, text analysis and label corrections, texts to read."""
