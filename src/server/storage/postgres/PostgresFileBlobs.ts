import type pg from 'pg';
import type { FileBlobs } from '../../domain/ports.js';

/**
 * Uploaded bytes in the shared database (one `bytea` row per file), so that a file uploaded through
 * one node downloads through any other. Uploads are small (the domain caps them at 10 MB); the cap
 * here keeps a bad caller from storing more than a row should hold.
 */
export class PostgresFileBlobs implements FileBlobs {
  constructor(private readonly pool: pg.Pool, private readonly maxBytes: number) {}

  async put(id: string, data: Buffer): Promise<string> {
    if (data.length > this.maxBytes) throw new RangeError(`file ${id} is ${data.length} bytes; at most ${this.maxBytes} are stored`);
    await this.pool.query('INSERT INTO file_blobs (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = excluded.data', [id, data]);
    return id;
  }

  async get(location: string): Promise<Buffer> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM file_blobs WHERE id = $1', [location]);
    if (!rows[0]) throw Object.assign(new Error(`no stored file ${location}`), { code: 'ENOENT' });
    return rows[0].data;
  }
}
