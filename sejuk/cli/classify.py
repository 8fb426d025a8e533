"""Classifier commands: train, classify and the ``models`` group."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sejuk.cli.common import (
    HomeOption,
    JsonOption,
    actor,
    app,
    open_home,
    reports_errors,
    sub_app,
)
from sejuk.errors import SejukError

models_app = sub_app("models", "Versi model klasifikasi (classifier versions).")


@app.command()
@reports_errors
def train(
    home: HomeOption = None,
    labels: Annotated[Path | None, typer.Option("--labels", help="CSV of labelled samples: "
                                                "text,label or text,<label1>,<label2>...")] = None,
    bundled: Annotated[bool, typer.Option("--bundled", help="Train on the starter samples "
                                          "shipped with Sejuk.")] = False,
) -> None:
    """Train a new model version from labelled samples (the first one becomes active)."""
    from classifiers.dataset import parse_labelled_csv
    from classifiers.workflow import train_from_file, train_from_set

    workspace = open_home(home)
    if labels is None and not bundled:
        raise SejukError("give --labels FILE.csv or --bundled")
    if labels is not None:
        outcome = train_from_file(workspace, labels, actor=actor())
    else:
        from importlib import resources

        content = resources.files("sejuk.demo").joinpath("data/training.csv").read_text("utf-8")
        data = parse_labelled_csv(content, workspace.settings.classifier.labels,
                                  name="bundled samples")
        outcome = train_from_set(workspace, data, actor=actor())
    metrics = outcome.result.metrics
    typer.echo(f"Model v{outcome.version} dilatih: macro-F1 holdout {metrics.macro_f1:.3f}"
               + (" (aktif)" if outcome.promoted else " (kandidat; `sejuk models promote`)"))
    for label, m in metrics.labels.items():
        typer.echo(f"  {label}: precision {m.precision:.3f} recall {m.recall:.3f} "
                   f"F1 {m.f1:.3f} macro-F1 {m.macro_f1:.3f} (n+={m.support})")


@app.command()
@reports_errors
def classify(
    home: HomeOption = None,
    all_items: Annotated[bool, typer.Option("--all", help="Rescore every item.")] = False,
) -> None:
    """Score items the active model has not scored yet (or all, with --all)."""
    from classifiers.workflow import classify_pending

    workspace = open_home(home)
    version, count = classify_pending(workspace, rescore=all_items)
    typer.echo(f"{count} item dinilai dengan model v{version.id}.")


# -- models -----------------------------------------------------------------------------------
@models_app.command("list")
@reports_errors
def models_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Model versions with their holdout scores and status."""
    from classifiers.registry import list_versions

    workspace = open_home(home)
    with workspace.session() as session:
        rows = [{"version": v.id, "status": v.status, "trained_at": v.trained_at.isoformat(),
                 "macro_f1": v.metrics.get("macro_f1"), "n": v.card.get("n_samples"),
                 "promoted_by": v.promoted_by} for v in list_versions(session)]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"v{r['version']:<4} {r['status']:<9} {r['trained_at'][:16]}  "
                   f"macro-F1 {r['macro_f1'] or 0:.3f}  n={r['n']}")


@models_app.command("promote")
@reports_errors
def models_promote(
    version: int,
    home: HomeOption = None,
    force: Annotated[bool, typer.Option(help="Promote even if its macro-F1 is lower.")
                     ] = False,
) -> None:
    """Make a model version active (refused if it scores below the active one)."""
    from classifiers.registry import promote

    workspace = open_home(home)
    with workspace.session() as session:
        promote(session, version, workspace.settings.models_dir, actor=actor(), force=force)
    typer.echo(f"Model v{version} aktif. Jalankan `sejuk classify --all` untuk menilai ulang.")


@models_app.command("rollback")
@reports_errors
def models_rollback(home: HomeOption = None) -> None:
    """Reactivate the previously active model version."""
    from classifiers.registry import rollback

    workspace = open_home(home)
    with workspace.session() as session:
        version = rollback(session, workspace.settings.models_dir, actor=actor())
        typer.echo(f"Model v{version.id} aktif kembali.")
