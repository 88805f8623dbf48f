"""Run the Alembic migrations of the kernel and the enabled modules, from code.

Each module brings its own branch (hue_s_backend_migrations: a label and a folder of revisions).
Every installed branch's folder is known to Alembic, so a database keeps its history when a
module is switched off; only the enabled branches are upgraded, so a switched-off module's
tables are not created.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext, RevisionStep
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from hue_s.backend.migrations import VERSIONS

SCRIPT_LOCATION = "hue_s.backend:migrations"


def installed_branch_folders() -> list[Path]:
    """Return the revision folders of every installed module, switched on or off."""
    from hue_s.plugins import MODULE_PLUGINS, plugin_manager, third_party_ids

    everything = plugin_manager([*MODULE_PLUGINS, *third_party_ids()])
    found = everything.hook.hue_s_backend_migrations()
    return [branch.versions for branches in found for branch in branches]


def migration_config(
    connection: Connection | None = None, locations: Iterable[Path] | None = None
) -> Config:
    """Return an Alembic Config on the packaged env.py and the given revision folders (default:
    those of every installed module)."""
    if locations is None:
        locations = installed_branch_folders()
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.set_main_option("path_separator", "os")
    folders = dict.fromkeys([str(VERSIONS), *(str(path) for path in locations)])
    config.set_main_option("version_locations", os.pathsep.join(folders))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(
    connection: Connection,
    branches: Collection[str] | None = None,
    locations: Iterable[Path] = (VERSIONS,),
) -> None:
    """Apply the pending revisions of the given branches (default: all) on an open connection
    (the caller commits); a branch's `depends_on` brings the revisions it needs first."""
    config = migration_config(connection, [*installed_branch_folders(), *locations])
    script = ScriptDirectory.from_config(config)
    targets = ("heads",) if branches is None else tuple(f"{label}@head" for label in branches)

    def upgrade(current: Any, _context: MigrationContext) -> list[RevisionStep]:
        """Return the steps from the database's revisions (`current`) to every target, each
        revision once (what `alembic upgrade` does for one target). Revisions of a module no
        longer installed are left alone: its rows stay, and nothing here can read its history."""
        current = tuple(
            revision for revision in current if not of_a_module_gone(script, current, revision)
        )
        steps: list[RevisionStep] = []
        for target in targets:
            done = {step.revision.revision for step in steps}
            more = script._upgrade_revs(target, current)
            steps += [step for step in more if step.revision.revision not in done]
        return steps

    with EnvironmentContext(config, script, fn=upgrade, destination_rev=",".join(targets)):
        script.run_env()


def of_a_module_gone(script: ScriptDirectory, current: Iterable[str], revision: str) -> bool:
    """Say whether a database's revision belongs to a module no longer installed: unknown here,
    named after no installed branch (`<label>_NNNN`), beside revisions this code knows. Any
    other unknown revision comes from a newer Hue-S, and Alembic refuses it."""
    known = {known.revision for known in script.walk_revisions()}
    labels = {label for known in script.walk_revisions() for label in known.branch_labels}
    return (
        revision not in known
        and revision.rsplit("_", 1)[0] not in labels
        and any(other in known for other in current)
    )


def head_revisions(locations: Iterable[Path] | None = None) -> set[str]:
    """Return the newest revision of every branch in the given revision folders (default: every
    installed module's)."""
    return set(ScriptDirectory.from_config(migration_config(locations=locations)).get_heads())


def applied_revisions(connection: Connection, locations: Iterable[Path] | None = None) -> set[str]:
    """Return every revision a database has, including those its branch heads depend on (the
    branches' folders given)."""
    script = ScriptDirectory.from_config(migration_config(locations=locations))
    heads = tuple(current_revisions(connection))
    return {revision.revision for revision in script.iterate_revisions(heads, "base")}


def current_revisions(connection: Connection) -> set[str]:
    """Return the revisions a database is at (one per branch); empty if never migrated."""
    return set(MigrationContext.configure(connection).get_current_heads())
