"""Listen: the text explorer and its label corrections."""
