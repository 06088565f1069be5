import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

/** A backup or restore that was refused; the message says why and what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Pages per backup step: all of them, so that the copy is one read snapshot (see backupSqlite). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live database to `target` with SQLite's online backup API, while the server keeps
 * writing. Consistent: the copy is one committed state of the database, checked with
 * `PRAGMA integrity_check` before it appears under its name (written beside it, then renamed). The
 * copy is a single self-contained file (rollback-journal mode, no `-wal` beside it).
 *
 * NOTE: the copy runs in one backup step. A step reads inside one read transaction, which in WAL
 * mode never blocks the server's writers; smaller steps would restart from the first page each
 * time the server commits in between, and might never finish under steady load.
 */
export async function backupSqlite(source: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new BackupError(`No database at ${source}`);
  if (resolve(target) === resolve(source)) throw new BackupError('The backup file must not be the database itself');
  if (existsSync(target)) throw new BackupError(`${target} exists; choose a new file name (a backup never overwrites)`);
  if (!existsSync(dirname(resolve(target)))) throw new BackupError(`The folder of ${target} does not exist`);
  const partial = `${target}.partial`;
  removeDatabaseFiles(partial);
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const { totalPages } = await db.backup(partial, { progress: () => ALL_PAGES });
    checkDatabase(partial, 'The copy', 'DELETE');
    durablyRename(partial, target);
    return { pages: totalPages };
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` with the backup `source`, only while nothing has the target
 * open (no server, no admin command on that data folder). Atomic: the backup is copied beside the
 * target, checked, and renamed over it, so a crash leaves either the old database or the restored
 * one. The database it replaces is kept as `<target>.before-restore-<time>`.
 */
export function restoreSqlite(source: string, target: string): { previous?: string } {
  if (!existsSync(source)) throw new BackupError(`No backup at ${source}`);
  if (resolve(target) === resolve(source)) throw new BackupError('The backup file is the database itself');
  if ((statSync(`${source}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) {
    throw new BackupError(`${source} has a write-ahead log beside it (a copy of a live database?); restore a file made by the backup command`);
  }
  const partial = `${target}.restoring`;
  removeDatabaseFiles(partial);
  try {
    copyFileSync(source, partial);
    checkDatabase(partial, `The backup ${source}`, 'WAL');
    const previous = existsSync(target) ? keepPrevious(target) : undefined;
    // The replaced database's WAL was folded into it; no stale log may meet the restored file.
    removeDatabaseFiles(target, { mainFile: false });
    durablyRename(partial, target);
    return previous ? { previous } : {};
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  }
}

/**
 * Takes the database's exclusive lock, which SQLite grants only when no other connection has the
 * file open: a running server (or its checkpointer) holds it open for its whole life. With the
 * lock held, folds the WAL into the file and keeps a copy of it.
 */
function keepPrevious(target: string): string {
  const db = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new BackupError(`The database ${target} is in use: a server (or another admin command) is running on this DATA_DIR. Stop it, then restore.`);
      }
      throw err;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    copyFileSync(target, previous);
    return previous;
  } finally {
    db.close();
  }
}

/**
 * Refuses a file that is not a sound Switchboard database this version can open, and leaves it in
 * `journalMode` (a backup file: one self-contained file; a restored database: WAL, as served).
 */
function checkDatabase(file: string, what: string, journalMode: 'DELETE' | 'WAL'): void {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${what} cannot be opened: ${(err as Error).message}`);
  }
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`${what} fails PRAGMA integrity_check: ${String(result)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1) throw new BackupError(`${what} is not a Switchboard database`);
    if (version > MIGRATIONS.length) throw new BackupError(`${what} has schema version ${version}, newer than this Switchboard (${MIGRATIONS.length}); upgrade first`);
    db.pragma(`journal_mode = ${journalMode}`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${what} is not a usable SQLite database: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

function removeDatabaseFiles(file: string, opts: { mainFile: boolean } = { mainFile: true }): void {
  for (const path of [...(opts.mainFile ? [file] : []), `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(path, { force: true });
}

/** Makes `from` durable, renames it to `to`, and makes the rename durable. */
function durablyRename(from: string, to: string): void {
  fsyncPath(from);
  renameSync(from, to);
  fsyncPath(dirname(resolve(to)));
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
