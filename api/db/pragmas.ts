// The per-connection settings every SQLite connection to our file runs with, in one place for
// the Node client (api/db/open-file.ts) and the Hrana stand-in (tools/libsql-server).
// - secure_delete: a DELETE overwrites the row's bytes instead of leaving them in free pages,
//   so a purge or an erasure really removes the personal data (S17, S20, S24).
// - foreign_keys: SQLite enforces REFERENCES only when asked, per connection.
// - synchronous=FULL: the project's choice; a committed purchase or erasure survives a power cut
//   (NORMAL in WAL mode may lose the last commits).
// None of these persist in the file: a connection that skipped them would run without them.
export const connectionPragmas = ['PRAGMA secure_delete = ON', 'PRAGMA foreign_keys = ON', 'PRAGMA synchronous = FULL'] as const;

/** Writers queue this long for the lock instead of failing at once (other processes: jobs, backup, CLI). */
export const busyTimeoutMs = 5000;
