"""Maps: what a map of a jurisdiction shows (read as plain data), its colours, and the
static SVG the digest and the printed plan embed.
"""
