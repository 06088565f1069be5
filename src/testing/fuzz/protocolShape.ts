import { ERROR_CATALOG } from '../../protocol/errors.js';

const KNOWN_CLOSES = new Set([1000, 1001, 1003, 1007, 1009, 4000]);

const errorProblem = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return 'error is not an object';
  const { type, message } = error as { type?: unknown; message?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(ERROR_CATALOG, type)) return `error type ${String(type)} is not in the catalog`;
  if (type === 'internal') return 'internal error for client input';
  if (typeof message !== 'string') return 'error without a message';
  return undefined;
};

/** What is wrong with an RTM frame the server sent, or undefined when it is protocol-shaped. */
export function rtmFrameProblem(frame: unknown): string | undefined {
  if (typeof frame !== 'object' || frame === null) return 'frame is not an object';
  const f = frame as { type?: unknown; action?: unknown; success?: unknown; payload?: { error?: unknown } };
  if (typeof f.action !== 'string') return 'frame without action';
  if (f.type === 'push') return undefined;
  if (f.type !== 'response' || typeof f.success !== 'boolean') return 'neither a push nor a response';
  return f.success ? undefined : errorProblem(f.payload?.error);
}

/** What is wrong with a socket close, or undefined when it is a documented one. */
export function closeProblem(code: number, pushes: { action: string }[]): string | undefined {
  if (!KNOWN_CLOSES.has(code)) return `undocumented close code ${code}`;
  if (code === 4000 && !pushes.some((p) => p.action.endsWith('_disconnected'))) return 'close 4000 without a *_disconnected push';
  return undefined;
}

/** What is wrong with a Web API answer, or undefined when it is protocol-shaped and not a 5xx. */
export function webAnswerProblem(status: number, text: string): string | undefined {
  if (status >= 500) return `status ${status}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${status} with a body that is not JSON`;
  }
  if (status < 400) return undefined;
  if (typeof body !== 'object' || body === null || Object.keys(body).join() !== 'error') return `status ${status} without the {"error":…} shape`;
  return errorProblem((body as { error: unknown }).error);
}
