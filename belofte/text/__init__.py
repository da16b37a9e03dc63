"""Offline text understanding: redaction first, then language, sentiment, emotions, aspects."""  # noqa: E501
