"""The offline demo workspace: fixture content, feed renderers, a local feed server and
the builder that runs them through the product's own collector and classifier."""
