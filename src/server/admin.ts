import { openPlatform, storeBackups, type StoreBackups } from './app.js';
import { LICENSE_ID } from './bootstrap.js';
import { loadConfig } from './config.js';
import { DomainError } from './domain/errors.js';
import type { Platform } from './domain/platform.js';

/**
 * Admin CLI over the same DATA_DIR and domain code as the server (`npm run admin -- <command>`).
 * Safe to run while the server is up: both open the SQLite file in WAL mode with a busy timeout.
 *
 * @example
 *   npm run admin -- add-agent jane@example.com "Jane Doe"      # prints Jane's personal access token
 *   npm run admin -- reset-token jane@example.com                # prints a new token; the old one stops working
 *   npm run admin -- set-license-property routing.max_customer_chats_count 3
 *   npm run admin -- list-license-properties
 *   npm run admin -- backup /backups/switchboard-2026-11-28.db      # while the server runs
 *   npm run admin -- restore /backups/switchboard-2026-11-28.db     # with the server stopped
 */

const USAGE = `usage: npm run admin -- <command>
  add-agent <id> <name>                 create an agent and print its personal access token
  reset-token <id>                      replace an agent's personal access token and print it
  set-license-property <ns.name> <value>  set a license property (value parsed as JSON, else a string)
  list-license-properties               print the license's property values as JSON
  backup <file>                         write a consistent copy of the database (the server may run)
  restore <file>                        replace the database with a backup (refused while a server runs)`;

type Command = (p: Platform, args: string[]) => Promise<string>;

const COMMANDS: Record<string, { arity: number; run: Command }> = {
  'add-agent': {
    arity: 2,
    run: async (p, [id, name]) => (await p.agents.create(LICENSE_ID, { id: id!, name: name! })).token,
  },
  'reset-token': {
    arity: 1,
    run: (p, [id]) => p.agents.resetToken(LICENSE_ID, id!),
  },
  'set-license-property': {
    arity: 2,
    run: async (p, [key, raw]) => {
      const dot = key!.indexOf('.');
      if (dot <= 0 || dot === key!.length - 1) throw new DomainError('validation', 'The property must be written as <namespace>.<name>');
      await p.licenses.update(LICENSE_ID, 'agent', { [key!.slice(0, dot)]: { [key!.slice(dot + 1)]: parseValue(raw!) } });
      return `${key} = ${JSON.stringify(parseValue(raw!))}`;
    },
  },
  'list-license-properties': {
    arity: 0,
    run: async (p) => JSON.stringify(await p.licenses.list(LICENSE_ID, 'agent'), null, 2),
  },
};

/** Commands on the database file itself: they must not open (or bootstrap) the platform. */
const FILE_COMMANDS: Record<string, { arity: number; run: (b: StoreBackups, args: string[]) => Promise<string> }> = {
  backup: { arity: 1, run: (b, [file]) => b.backup(file!) },
  restore: { arity: 1, run: (b, [file]) => b.restore(file!) },
};

/** `3` → 3, `true` → true, `"x"` → "x", anything that is not JSON → the string itself. */
function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Own entries only: a command named `constructor` or `__proto__` is unknown. */
const lookup = <T>(table: Record<string, T>, name: string | undefined): T | undefined => (name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined);

/** Runs one command; returns the process exit code. */
async function runAdmin(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const [name, ...args] = argv;
  const command = lookup(COMMANDS, name);
  const fileCommand = lookup(FILE_COMMANDS, name);
  const arity = (command ?? fileCommand)?.arity;
  if (arity === undefined || args.length !== arity) {
    err(name && arity === undefined ? `unknown command: ${name}\n${USAGE}` : USAGE);
    return 2;
  }
  if (fileCommand) {
    try {
      out(await fileCommand.run(storeBackups(loadConfig()), args));
      return 0;
    } catch (e) {
      err(e instanceof Error ? e.message : String(e));
      return 1;
    }
  }
  const { platform, close } = await openPlatform({ ...loadConfig(), logLevel: 'silent' });
  try {
    out(await command!.run(platform, args));
    return 0;
  } catch (e) {
    err(e instanceof DomainError ? `${e.type}: ${e.message}` : String(e));
    return 1;
  } finally {
    await close();
  }
}

process.exitCode = await runAdmin(process.argv.slice(2), (l) => console.log(l), (l) => console.error(l));
