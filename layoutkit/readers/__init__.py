"""Readers turn an input (text, PDF, OCR XML) into the shared ``Line`` model."""
