"""Publish: writing briefings out (files now; feeds and email later)."""
