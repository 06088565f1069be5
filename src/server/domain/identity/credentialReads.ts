import type { AgentRecord, CustomerRecord } from '../model.js';
import type { StoreTx } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';

type Load<V> = (tx: StoreTx, licenseId: number, ids: readonly string[]) => Promise<V[]>;
interface Waiter<V> { resolve: (record: V | undefined) => void; reject: (err: unknown) => void }

/**
 * Reads of one kind of record by id that wait for the end of the current turn of the event loop and
 * then go out together, one read per license. Each caller still gets a record read after its call.
 */
class CoalescedLookup<V extends { id: string }> {
  #pending = new Map<number, Map<string, Waiter<V>[]>>();

  constructor(private readonly uow: UnitOfWork, private readonly load: Load<V>) {}

  get(licenseId: number, id: string): Promise<V | undefined> {
    if (this.#pending.size === 0) setImmediate(() => this.#flush());
    let ids = this.#pending.get(licenseId);
    if (!ids) this.#pending.set(licenseId, (ids = new Map()));
    let waiters = ids.get(id);
    if (!waiters) ids.set(id, (waiters = []));
    return new Promise<V | undefined>((resolve, reject) => waiters.push({ resolve, reject }));
  }

  #flush(): void {
    const pending = this.#pending;
    this.#pending = new Map();
    for (const [licenseId, ids] of pending) {
      this.uow.read((tx) => this.load(tx, licenseId, [...ids.keys()]), { oneStatement: true }).then((records) => {
        const byId = new Map(records.map((r) => [r.id, r]));
        for (const [id, waiters] of ids) {
          const record = byId.get(id);
          // Records are the callers' own to keep (sessions hold them): one copy each.
          waiters.forEach((w, i) => w.resolve(i === 0 || !record ? record : structuredClone(record)));
        }
      }, (err: unknown) => {
        for (const waiters of ids.values()) for (const w of waiters) w.reject(err);
      });
    }
  }
}

/** The options of every credential read (one object for all: #16, allocation per request). */
const ONE_STATEMENT = { oneStatement: true } as const;

/**
 * The current customer or agent behind a session, read for the check every request makes (bans,
 * removed agents, revoked tokens). When the store's reads are round trips (PostgreSQL), the checks
 * made in one turn of the event loop share one statement; otherwise each reads on its own at once.
 */
export class CredentialReads {
  readonly #customers?: CoalescedLookup<CustomerRecord>;
  readonly #agents?: CoalescedLookup<AgentRecord>;

  constructor(private readonly uow: UnitOfWork, coalesce: boolean) {
    if (!coalesce) return;
    this.#customers = new CoalescedLookup(uow, (tx, licenseId, ids) => tx.getCustomersById(licenseId, ids));
    this.#agents = new CoalescedLookup(uow, (tx, licenseId, ids) => tx.getAgentsById(licenseId, ids));
  }

  /** Read only (the store may hand out its shared record): a session keeps no customer record. */
  customer(licenseId: number, id: string): Promise<Readonly<CustomerRecord> | undefined> {
    return this.#customers?.get(licenseId, id) ?? this.uow.read((tx) => tx.viewCustomer(licenseId, id), ONE_STATEMENT);
  }

  /** Read only: the store may hand out its shared record (deeply frozen), which a session may keep as it is. */
  agent(licenseId: number, id: string): Promise<Readonly<AgentRecord> | undefined> {
    return this.#agents?.get(licenseId, id) ?? this.uow.read((tx) => tx.viewAgent(licenseId, id), ONE_STATEMENT);
  }
}
