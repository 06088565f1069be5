import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileBlobs } from '../../domain/ports.js';

/** Uploaded files as plain files under `DATA_DIR/files`, written and fsynced before the URL is handed out. */
export class LocalFileBlobs implements FileBlobs {
  constructor(private readonly root: string) {}

  async put(id: string, data: Buffer): Promise<string> {
    const dir = join(this.root, id.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const location = join(id.slice(0, 2), id);
    await writeFile(join(this.root, location), data, { flush: true });
    return location;
  }

  get(location: string): Promise<Buffer> {
    return readFile(join(this.root, location));
  }
}
