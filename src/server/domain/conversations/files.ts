import { imageSize } from 'image-size';
import type { Actor } from '../identity/actor.js';
import { DomainError } from '../errors.js';
import { newUuid } from '../ids.js';
import type { FileRecord } from '../model.js';
import type { Clock, FileBlobs } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { isHttpUrl } from '../urls.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Executables and scripts a browser or OS could run; refused whatever their declared type. */
const REFUSED_EXTENSIONS = /\.(exe|msi|bat|cmd|com|scr|pif|vbs|vbe|js|mjs|jse|wsf|wsh|ps1|psm1|sh|bash|app|dmg|pkg|deb|rpm|jar|apk|dll|so|html?|xhtml|svg|php)$/i;
const REFUSED_TYPES = /^(application\/(x-msdownload|x-msdos-program|x-sh|x-executable|javascript|x-javascript|xhtml\+xml|java-archive|vnd\.microsoft\.portable-executable)|text\/(html|javascript)|image\/svg\+xml)$/i;

/**
 * Where uploads are served. NOTE: URLs are always built from the server's own public origin
 * (`PUBLIC_URL`), never from request headers or a client's string, so a stored file URL cannot
 * point anywhere else.
 */
export class FileUrls {
  constructor(private readonly publicUrl: () => string) {}

  urlOf(f: Pick<FileRecord, 'id' | 'name'>): string {
    return `${this.publicUrl()}/files/${f.id}/${encodeURIComponent(f.name)}`;
  }

  /** The upload id named by an http(s) file URL (any host: clients may reach us by several names). */
  idOf(url: string): string | undefined {
    if (!isHttpUrl(url)) return undefined;
    return /^\/files\/([0-9a-f-]{36})\//.exec(new URL(url).pathname)?.[1];
  }
}

/** Uploads: checked, stored as blobs, served back by URL; a `file` event must name one. */
export class Files {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock, private readonly blobs: FileBlobs, private readonly urls: FileUrls) {}

  async upload(actor: Actor, file: { name: string; contentType: string; data: Buffer }): Promise<{ url: string }> {
    const name = sanitizeName(file.name);
    if (file.data.length === 0) throw new DomainError('validation', 'The file is empty', { reason: 'file_empty' });
    if (file.data.length > MAX_UPLOAD_BYTES) throw new DomainError('entity_too_large', 'Files may be at most 10 MB', { max_bytes: MAX_UPLOAD_BYTES });
    if (REFUSED_EXTENSIONS.test(name) || REFUSED_TYPES.test(file.contentType) || isExecutable(file.data)) {
      throw new DomainError('validation', 'This type of file is not allowed', { reason: 'file_type_not_allowed' });
    }
    const id = newUuid();
    const record: FileRecord = {
      id, licenseId: actor.licenseId, ownerId: actor.id, name, contentType: file.contentType || 'application/octet-stream', size: file.data.length,
      storagePath: await this.blobs.put(id, file.data), createdAt: this.clock.now(),
    };
    if (record.contentType.startsWith('image/')) {
      try {
        const dim = imageSize(file.data);
        if (dim.width && dim.height) Object.assign(record, { width: dim.width, height: dim.height });
      } catch {
        // Not a readable image: kept as a plain file.
      }
    }
    await this.uow.run(async (tx) => tx.insertFile(record));
    return { url: this.urls.urlOf(record) };
  }

  /** For the static route: the record and its bytes, if the id is known. */
  async open(id: string): Promise<{ file: FileRecord; data: Buffer } | undefined> {
    const file = await this.uow.read((tx) => tx.getFile(id));
    if (!file) return undefined;
    return { file, data: await this.blobs.get(file.storagePath) };
  }
}

function sanitizeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim().slice(0, 200);
  return clean || 'file';
}

function isExecutable(data: Buffer): boolean {
  const magic = data.subarray(0, 4);
  return (magic[0] === 0x4d && magic[1] === 0x5a) /* MZ */ || magic.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])) /* ELF */ || (magic[0] === 0x23 && magic[1] === 0x21) /* #! */;
}
