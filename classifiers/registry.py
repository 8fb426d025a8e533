"""Model versions in the database: register, list, load the active one, promote, roll back.

Promotion is refused when the candidate's cross-validated macro-F1 (of the labels it
retrained, on the district's own labels where it had enough of them; the figures it
carries for the components it kept are shown, never weighed) is below the active
model's -- on those same labels when the active model never trained on them (the
starter, say), whose own card scores it on other data -- unless forced, and every
promotion or rollback is written to the audit log in the same transaction. Flags are
read from the active version's predictions, so activating a version also scores, in that
transaction, every item it has not scored yet (flags never vanish between a promotion and
the next ``sejuk classify``) and re-applies today's thresholds and never-flag rules to
the predictions it made before (a rolled-back-to version's flags are today's, not those
of the day it last served).

A version's status is ``candidate`` (trained, never active), ``active``, ``retired``
(replaced by a later promotion) or ``withdrawn`` (rolled back from). Rollback returns to
the most recently promoted ``retired`` version, so repeated rollbacks walk back through
the promotion history instead of flipping between the last two versions.

A version's files are named ``model-vN-TOKEN.*`` (:func:`version_file`), ``TOKEN`` random,
and the registry stores the exact name: no two runs ever write the same file, even when
SQLite hands the number of a run that never committed out again. (Versions registered
before the token keep their ``model-vN.*`` names and still load: the stored name is used.)
A training run killed between writing its files and committing its version (``kill -9``,
a power cut) leaves files that no version owns, which would pile up.
:func:`prune_orphans` removes them (at the start of every training, and by ``sejuk models
prune``), but only past :data:`ORPHAN_GUARD`: a training running in another process has
written its files and not yet committed its version, and its files are young. Because
no name is ever written twice, a file found old and unowned stays so until it is
deleted: no concurrent training can write under its name between the check and the
delete.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifiers.model import TextModel
from classifiers.persist import load_model, save_model
from classifiers.scoring import classify_items, reflag
from classifiers.training import TrainingResult
from sejuk.access import audit
from sejuk.db.models import ModelVersion
from sejuk.errors import ModelError, NotFound
from sejuk.phrases import Phrases, Said
from sejuk.settings import ClassifierSettings
from sejuk.signals import active_version
from sejuk.timeutil import utc_now

log = logging.getLogger(__name__)

#: How old a file of an unknown version must be before it is an orphan: far beyond the
#: time between a training writing its files and committing its version (the report, and
#: the first promotion scoring every stored item), so a concurrent run is never touched.
ORPHAN_GUARD = timedelta(hours=24)
#: A version's files (estimator, card, report; ``model-vN-TOKEN`` or, written before the
#: token, ``model-vN``) and the temporary files a killed write leaves
#: (``.model-vN-TOKEN.skops.PID.tmp`` of an atomic write, ``model-vN-TOKEN.skops.tmp`` of
#: the starter model's copy).
_VERSION_FILE = re.compile(
    r"^(\.)?(model-v(\d+)(?:-[0-9a-f]{16})?)\.(skops|json|html)(\.\d+\.tmp|\.tmp)?$")


@dataclass(frozen=True)
class Activation:
    """A version made active and how many items it scored on the way in."""

    version: ModelVersion
    scored: int


def register(session: Session, result: TrainingResult, models_dir: Path,
             actor: str = audit.SYSTEM_ACTOR) -> ModelVersion:
    """Store a trained model as a new candidate version."""
    metrics = result.metrics.to_dict()  # the trained labels': what promotion compares
    if result.card.get("kept"):  # the kept components' (classifiers.figures)
        metrics["kept"] = result.card["kept"]
    version = ModelVersion(path="", sha256="", labels=list(result.model.labels),
                           metrics=metrics, card=result.card,
                           status="candidate", trained_at=utc_now())
    session.add(version)
    session.flush()
    path = version_file(models_dir, version.id)
    version.card = {**result.card, "version": version.id}
    version.sha256 = save_model(result.model, version.card, path)
    version.path = path.name
    audit.record(session, actor, "model.train", f"v{version.id}",
                 macro_f1=result.metrics.macro_f1, n=result.card.get("n_samples"))
    return version


def version_file(models_dir: Path, version_id: int) -> Path:
    """A new file name for ``version_id``'s estimator (its card and report share the
    stem): the random token makes it one no other run ever writes."""
    return models_dir / f"model-v{version_id}-{secrets.token_hex(8)}.skops"


def list_versions(session: Session) -> Sequence[ModelVersion]:
    return session.scalars(select(ModelVersion).order_by(ModelVersion.id.desc())).all()


def get_version(session: Session, version_id: int) -> ModelVersion:
    version = session.get(ModelVersion, version_id)
    if version is None:
        raise NotFound.said(_REFUSALS, "no_version", version=version_id)
    return version


def load_version(version: ModelVersion, models_dir: Path) -> TextModel:
    return load_model(models_dir / version.path, version.labels, version.sha256,
                      card=version.card or {})


def _macro(version: ModelVersion) -> float:
    """The macro-F1 of the labels ``version`` trained; its kept components' figures
    (``metrics["kept"]``, :mod:`classifiers.figures`) are never part of it."""
    return float((version.metrics or {}).get("macro_f1", 0.0))


def _compared(candidate: ModelVersion, current: ModelVersion) -> tuple[float, float, bool]:
    """The candidate's and the active version's macro-F1 to weigh, and on what: both on
    the workspace's own labels when training scored the active version on the rows the
    candidate was cross-validated on (``baseline`` in the card: its own card's figure is
    then on other data, such as the starter corpus); else each card's own figure. The
    flag says which."""
    baseline = (candidate.card or {}).get("baseline") or {}
    if baseline.get("version") == current.id:
        return _macro(candidate), float(baseline["macro_f1"]), True
    return _macro(candidate), _macro(current), False


def _activate(session: Session, version: ModelVersion, model: TextModel,
              classifier: ClassifierSettings) -> int:
    """Mark ``version`` active, bring the flags it already stored up to today's thresholds
    and rules, and score the items it has not seen."""
    version.status = "active"
    session.flush()
    reflag(session, version, model, classifier)
    return classify_items(session, version, model, classifier)


def promote(session: Session, version_id: int, models_dir: Path, classifier: ClassifierSettings,
            *, actor: str, force: bool = False) -> Activation:
    """Make ``version_id`` the active model (after checking its file loads) and score the
    items it has not scored yet."""
    candidate = get_version(session, version_id)
    current = active_version(session)
    if current is not None and current.id == candidate.id:
        raise ModelError.said(_REFUSALS, "already_active", version=candidate.id)
    if current is not None and not force:
        ours, theirs, same_labels = _compared(candidate, current)
        if ours < theirs:
            raise ModelError.said(_REFUSALS, "below", version=candidate.id, ours=ours,
                                  active=current.id, theirs=theirs,
                                  on=Said(_REFUSALS, "same_labels") if same_labels else "")
    model = load_version(candidate, models_dir)  # refuses a tampered or corrupt file
    if current is not None:
        current.status = "retired"
        session.flush()  # one active version at a time, also mid-transaction
    candidate.promoted_at = utc_now()
    candidate.promoted_by = actor
    scored = _activate(session, candidate, model, classifier)
    audit.record(session, actor, "model.promote", f"v{candidate.id}",
                 previous=current.id if current else None, forced=force,
                 macro_f1=_macro(candidate), scored=scored)
    return Activation(candidate, scored)


def rollback(session: Session, models_dir: Path, classifier: ClassifierSettings, *,
             actor: str) -> Activation:
    """Withdraw the active model and reactivate the one promoted before it."""
    current = active_version(session)
    if current is None:
        raise ModelError.said(_REFUSALS, "no_active")
    previous = session.scalar(
        select(ModelVersion)
        .where(ModelVersion.status == "retired", ModelVersion.promoted_at.is_not(None))
        .order_by(ModelVersion.promoted_at.desc(), ModelVersion.id.desc())
        .limit(1)
    )
    if previous is None:
        raise ModelError.said(_REFUSALS, "no_earlier", version=current.id)
    model = load_version(previous, models_dir)
    current.status = "withdrawn"
    session.flush()
    scored = _activate(session, previous, model, classifier)
    audit.record(session, actor, "model.rollback", f"v{previous.id}", previous=current.id,
                 scored=scored)
    return Activation(previous, scored)


@dataclass(frozen=True)
class Orphan:
    """A file no registered version owns (or a temporary file), old enough to remove."""

    path: Path
    version: int
    modified: datetime


def find_orphans(folders: Iterable[Path], owned: set[str], now: datetime,
                 older_than: timedelta = ORPHAN_GUARD) -> list[Orphan]:
    """Version files in ``folders`` whose stem (``model-vN-TOKEN``) no registered version
    owns (``owned``: the stems of the stored file names), and temporary files of any
    version, last modified more than ``older_than`` before ``now``. Any other file is
    never considered."""
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            match = _VERSION_FILE.match(path.name)
            if match is None or not path.is_file() or (match.group(1) and not match.group(5)):
                continue
            if match.group(2) in owned and not match.group(5):
                continue
            modified = _modified(path)
            if modified is not None and now - modified > older_than:
                found.append(Orphan(path, int(match.group(3)), modified))
    return found


def _modified(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except FileNotFoundError:  # removed meanwhile
        return None


def _remove(path: Path) -> bool:
    """Delete an orphan; False when it cannot be (already gone: another sweep took it)."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("cannot remove orphan model file %s: %s", path, exc.strerror)
        return False
    return True


def prune_orphans(session: Session, models_dir: Path, reports_dir: Path, *,
                  older_than: timedelta = ORPHAN_GUARD, dry_run: bool = False,
                  actor: str = audit.SYSTEM_ACTOR) -> list[Orphan]:
    """Remove the files of versions the registry does not know (:func:`find_orphans`);
    what was removed is audited (``model.prune``). With ``dry_run`` only lists them.

    Safe beside a training in another process: its files are young, and no training
    ever writes under an orphan's name (:func:`version_file`)."""
    owned = {Path(path).name.split(".")[0] for path in session.scalars(select(ModelVersion.path))}
    orphans = find_orphans((models_dir, reports_dir), owned, utc_now(), older_than)
    if dry_run:
        return orphans
    removed = [orphan for orphan in orphans if _remove(orphan.path)]
    if removed:
        audit.record(session, actor, "model.prune", ", ".join(
            sorted({f"v{o.version}" for o in removed}, key=lambda v: int(v[1:]))),
            files=[o.path.name for o in removed], older_than_hours=older_than / timedelta(hours=1))
    return removed


#: Refusals of the registry, for the CLI and the dashboard's Model page alike (each names
#: the way to force a promotion on both).
_REFUSALS: Phrases = {
    "no_version": {"id": "tidak ada model versi {version}", "en": "no model version {version}"},
    "already_active": {"id": "model v{version} sudah aktif",
                       "en": "model v{version} is already active"},
    "below": {
        "id": "model v{version} punya macro-F1 {ours:.3f}, di bawah v{active} yang aktif "
              "({theirs:.3f}{on}); untuk tetap mengaktifkannya: `sejuk models promote {version} "
              "--force`, atau centang «Paksa» di halaman Model dasbor",
        "en": "model v{version} has macro-F1 {ours:.3f}, below the active v{active} "
              "({theirs:.3f}{on}); to promote it anyway: `sejuk models promote {version} "
              "--force`, or tick «Force» on the dashboard's Models page"},
    "same_labels": {"id": " pada label lokal yang sama", "en": " on the same local labels"},
    "no_active": {"id": "tidak ada model aktif untuk dikembalikan",
                  "en": "no active model to roll back from"},
    "no_earlier": {"id": "tidak ada model yang pernah aktif sebelum v{version} untuk dikembalikan",
                   "en": "no earlier active model to roll back to from v{version}"},
}
