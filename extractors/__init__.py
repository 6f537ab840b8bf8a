"""Extraction stages: loading, sections, tables, numbers and the rule tagger."""
