"""Listen and understand: imports, text enrichment and learning, texts to read.

`imports` (files and API records), `readahead` (the import's reading child),
`enrichment` (text analysis of stored texts), `learning` (the workspace's own
models and corrections), `verbatims` (the texts a page or the API lists).
"""
