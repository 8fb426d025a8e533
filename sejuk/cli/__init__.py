"""The ``sejuk`` command line (see :mod:`sejuk.cli.common` for its conventions)."""

from __future__ import annotations

from sejuk.cli import (  # noqa: F401 (register commands)
    claims,
    classify,
    digest,
    feeds,
    ops,
    outreach,
    regions,
    reports,
    users,
    workspace,
)
from sejuk.cli.common import app


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
