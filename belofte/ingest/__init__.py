"""Listening: read customer data files and API payloads into validated records."""
