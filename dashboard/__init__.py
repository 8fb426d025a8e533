"""The Streamlit dashboard. Pages only handle widgets: they read inputs, call one
function of :mod:`sejuk.views` (or another core module) and draw the result."""
