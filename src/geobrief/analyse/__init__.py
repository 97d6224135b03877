"""Analyse: sentences and their attribution, stance and hedging; article features."""
