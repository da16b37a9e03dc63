"""Versioned word lists (Dutch and English) that the text labellers read as data."""
