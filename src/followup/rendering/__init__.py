"""Advice and agendas as people read them (text) and as programs do (JSON)."""
