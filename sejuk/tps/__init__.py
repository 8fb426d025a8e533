"""Polling stations (TPS): the roster and its vulnerability levels, and the personnel they call for.
"""
