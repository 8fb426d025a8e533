"""Indonesia's administrative regions: the gazetteer of codes and names, boundaries,
tagging text with the places it names, and the police jurisdictions drawn over them.
"""
