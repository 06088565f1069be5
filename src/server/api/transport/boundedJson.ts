import { DomainError } from '../../domain/errors.js';

/**
 * The one guard every inbound JSON text passes at the transport edge (RTM frames, Web bodies and
 * query values, the token endpoint). V8's JSON.parse is iterative, but everything that walks the
 * parsed value afterwards (zod, JSON.stringify, our own code) recurses: a 10,000-deep value
 * overflows the stack there. So depth and size are checked on the raw text, before anything walks.
 */
export interface JsonLimits {
  /** Deepest `{`/`[` nesting accepted. */
  maxDepth: number;
  /** Longest text accepted, in UTF-16 code units. */
  maxChars: number;
}

/** NOTE: the deepest legitimate payloads (rich messages, nested properties) stay under 10 levels. */
export const MAX_JSON_DEPTH = 32;

export interface JsonReading {
  /** The parsed value when the text is JSON, even when refused for depth: only its top level may be read then. */
  value?: unknown;
  /** Why the text is refused (`validation`), when it is. */
  error?: DomainError;
}

/** Parses `text` and checks it against `limits`; never throws. `label` names the text in messages. */
export function readJson(text: string, limits: JsonLimits, label: string): JsonReading {
  if (text.length > limits.maxChars) {
    return { error: new DomainError('validation', `${label} is longer than ${limits.maxChars} characters`) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: new DomainError('validation', `${label} is not valid JSON`) };
  }
  if (nestingExceeds(text, limits.maxDepth)) {
    return { value, error: new DomainError('validation', `${label} is nested deeper than ${limits.maxDepth} levels`, { max_depth: limits.maxDepth }) };
  }
  return { value };
}

/** `readJson` for callers that only want the value: throws the refusal. */
export function parseBoundedJson(text: string, limits: JsonLimits, label: string): unknown {
  const { value, error } = readJson(text, limits, label);
  if (error) throw error;
  return value;
}

/** Whether brackets outside strings nest deeper than `max`; one pass, no recursion. */
export function nestingExceeds(text: string, max: number): boolean {
  // Most texts open fewer brackets in all than the limit: native searches settle those.
  if (openingBrackets(text, max) <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** How many `{` and `[` the text holds (strings included), counting no further than `max + 1`. */
function openingBrackets(text: string, max: number): number {
  let n = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i !== -1 && n <= max; i = text.indexOf(bracket, i + 1)) n++;
  }
  return n;
}
