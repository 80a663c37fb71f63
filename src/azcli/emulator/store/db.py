"""SQLite storage of the local cloud.

One file, {state_dir}/localcloud.db, in WAL mode, shared by every process that serves the cloud.
Rules that keep many concurrent processes safe:
- every connection waits on locks (busy_timeout) instead of failing;
- reads run in autocommit mode (each statement sees a consistent snapshot);
- read-modify-write runs inside ``with store.write() as db:`` (BEGIN IMMEDIATE ... COMMIT), short;
- the schema is created once per file, guarded by ``PRAGMA user_version``.

Tables (ids are matched through their lower-cased form ``*_lc`` and kept as written):
- resources:   every ARM object with an id: resource groups now, generic and child resources later.
- operations:  long-running operations; state is a function of ``started``/``due`` (see lro.py).
- deployments: template deployments at every scope: the served document, the inputs (template and
               parameters, secure values included: never served) and the deployment operations.
- tenants, subscriptions, principals, access: the directory (see directory.py).
- meta:        key/value (signing key, ids of the built-in identity).
"""
import os
import sqlite3
import threading
import time

SCHEMA_VERSION = 2  # 2: deployments

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tenants (
    tenant_lc TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    default_domain TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS subscriptions (
    sub_lc TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL,
    tenant_lc TEXT NOT NULL,
    display_name TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'Enabled',
    body TEXT NOT NULL DEFAULT '{}',
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS principals (
    object_lc TEXT PRIMARY KEY,
    object_id TEXT NOT NULL,
    client_lc TEXT UNIQUE,
    client_id TEXT,
    tenant_lc TEXT NOT NULL,
    kind TEXT NOT NULL,
    display_name TEXT NOT NULL,
    credentials TEXT NOT NULL DEFAULT '[]',
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS access (
    object_lc TEXT NOT NULL,
    scope_lc TEXT NOT NULL,
    scope TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'Owner',
    created REAL NOT NULL,
    PRIMARY KEY (object_lc, scope_lc)
);
CREATE TABLE IF NOT EXISTS resources (
    seq INTEGER PRIMARY KEY,
    id_lc TEXT NOT NULL UNIQUE,
    id TEXT NOT NULL,
    type_lc TEXT NOT NULL,
    sub_lc TEXT NOT NULL,
    group_lc TEXT,
    parent_lc TEXT NOT NULL,
    name TEXT NOT NULL,
    location TEXT,
    state TEXT,
    body TEXT NOT NULL,
    created REAL NOT NULL,
    changed REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS resources_parent ON resources (parent_lc, type_lc, seq);
CREATE INDEX IF NOT EXISTS resources_sub_type ON resources (sub_lc, type_lc, seq);
CREATE TABLE IF NOT EXISTS operations (
    op_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    sub_lc TEXT NOT NULL,
    target_lc TEXT NOT NULL,
    target TEXT NOT NULL,
    status TEXT NOT NULL,
    started REAL NOT NULL,
    due REAL NOT NULL,
    finished REAL,
    result_status INTEGER,
    result TEXT,
    params TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS operations_due ON operations (status, due);
CREATE INDEX IF NOT EXISTS operations_target ON operations (target_lc, status);
CREATE TABLE IF NOT EXISTS deployments (
    seq INTEGER PRIMARY KEY,
    id_lc TEXT NOT NULL UNIQUE,
    id TEXT NOT NULL,
    scope_lc TEXT NOT NULL,
    sub_lc TEXT NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    body TEXT NOT NULL,
    inputs TEXT NOT NULL,
    operations TEXT NOT NULL DEFAULT '[]',
    created REAL NOT NULL,
    changed REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS deployments_scope ON deployments (scope_lc, seq);
"""

# Tables holding ARM state that reset_state empties (identities, subscriptions and keys stay).
# Later phases append theirs (tags, locks, deployments, ...).
ARM_STATE_TABLES = ["resources", "operations", "deployments"]

# Tables whose rows live under a scope and go away with it: table -> lower-cased scope/id column.
# Deleting a resource group removes every row whose column equals the group id or starts with it + '/'.
SCOPED_TABLES = {"resources": "id_lc", "deployments": "id_lc"}

class Store:
    """Connections to one localcloud.db: one per thread, opened on first use.

    ``seed(db, now)`` runs once, inside the transaction that creates the schema of a new file.
    """

    def __init__(self, path, seed=None):
        self.path = path
        self.seed = seed
        self._local = threading.local()
        self._ready = False
        self.cache = {}  # per-store memo for immutable values (signing key, built-in ids)

    def connect(self):
        db = getattr(self._local, "db", None)
        if db is None:
            directory = os.path.dirname(self.path)
            if directory:
                os.makedirs(directory, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA busy_timeout = 30000")
            db.execute("PRAGMA synchronous = NORMAL")
            self._local.db = db
            if not self._ready:
                self._ensure_schema(db)
                self._ready = True
        return db

    def _ensure_schema(self, db):
        """Create the schema of a new file (and seed it), or add what a newer version has to an older one."""
        if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        self._enable_wal(db)
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                for statement in SCHEMA.split(";"):  # every statement is IF NOT EXISTS: additive
                    if statement.strip():
                        db.execute(statement)
                now = time.time()
                if self.seed is not None and version == 0:
                    self.seed(db, now)
                db.execute("PRAGMA user_version = %d" % SCHEMA_VERSION)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @staticmethod
    def _enable_wal(db, deadline_seconds=30.0):
        """journal_mode is persistent in the file and cannot change inside a transaction. When
        several processes open a new file at once, the switch can answer "database is locked"
        without waiting on busy_timeout, so retry until it sticks."""
        deadline = time.monotonic() + deadline_seconds
        while True:
            try:
                mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() == "wal":
                    return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            if time.monotonic() > deadline:
                raise sqlite3.OperationalError("could not switch %s to WAL mode" % db)
            time.sleep(0.01)

    def read(self):
        """The connection, for autocommit reads."""
        return self.connect()

    def write(self):
        """Context manager: a short BEGIN IMMEDIATE transaction, committed on success."""
        return _Transaction(self.connect())

    def close(self):
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


class _Transaction:
    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")
        return False


def delete_under(db, scope_lc):
    """Delete every scoped row equal to scope_lc or below it (scope_lc + '/...')."""
    # '0' is the character after '/', so [scope/, scope0) is exactly the rows under scope.
    for table, column in SCOPED_TABLES.items():
        db.execute(
            "DELETE FROM %s WHERE %s = ? OR (%s >= ? AND %s < ?)" % (table, column, column, column),
            (scope_lc, scope_lc + "/", scope_lc + "0"),
        )


def get_meta(db, key):
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(db, key, value):
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def reset(db):
    """Empty ARM state, keeping identities, subscriptions and keys. Call inside a transaction."""
    for table in ARM_STATE_TABLES:
        db.execute("DELETE FROM %s" % table)
