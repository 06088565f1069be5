import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message (headers and body) as the server received it. */
  raw: string;
  subject: string;
  /** The body after the headers, with soft line breaks of quoted-printable undone. */
  body: string;
}

/** A real SMTP server on a loopback port (no TLS, no auth) that keeps every message it accepts. */
export class SmtpReceiver {
  readonly received: ReceivedMail[] = [];
  #waiters: { count: number; resolve: () => void }[] = [];

  private constructor(private readonly server: SMTPServer, readonly port: number) {}

  static async start(): Promise<SmtpReceiver> {
    const received: { accept?: (raw: string, from: string, to: string[]) => void } = {};
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.accept!(Buffer.concat(chunks).toString('utf8'), session.envelope.mailFrom ? session.envelope.mailFrom.address : '', session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new SmtpReceiver(server, (server.server.address() as AddressInfo).port);
    received.accept = (raw, from, to) => receiver.#accept(raw, from, to);
    return receiver;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves once `count` messages have arrived in total. */
  waitFor(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  #accept(raw: string, from: string, to: string[]): void {
    const split = raw.indexOf('\r\n\r\n');
    const headers = raw.slice(0, split);
    const subject = decodeHeader(/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(headers)?.[1] ?? '');
    let body = raw.slice(split + 4);
    if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) body = decodeQuotedPrintable(body);
    this.received.push({ from, to, raw, subject, body });
    this.#waiters = this.#waiters.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true));
  }
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
function decodeHeader(value: string): string {
  return value.replace(/\r\n[ \t]/g, ' ').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) => enc.toUpperCase() === 'B'
    ? Buffer.from(data, 'base64').toString('utf8')
    : decodeQuotedPrintable(data.replace(/_/g, ' '))).trim();
}
