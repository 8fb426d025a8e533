"""The Streamlit dashboard. Pages only handle widgets: they read inputs, call one
function of :mod:`sejuk.reads` (or another core module) and draw the result."""
