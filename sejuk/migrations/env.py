"""Alembic environment: uses the engine handed over by :mod:`sejuk.db.migrate`."""

from __future__ import annotations

from alembic import context

from sejuk.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by dropping it, and with foreign keys on SQLite
            # first deletes every row that references it (ON DELETE CASCADE): downgrading
            # 0008 emptied item_sources. Off for the migration (the pragma does nothing
            # inside a transaction, so it goes before one), checked at the end, on again.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:  # raised inside the transaction: the migration rolls back
                        raise RuntimeError(f"migration left rows without their parent: "
                                           f"{broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


run_migrations_online()
