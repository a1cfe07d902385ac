"""Readers: one per kind of published file, each turning it into paragraphs and table rows."""
