"""Built-in language profiles (YAML package data); see ``layoutkit.profile``."""
