import type { z } from 'zod';

type Path = (string | number)[];
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Every field path a zod schema knows (objects, arrays as index 0, records as key "k", unions,
 * wrappers and pipes looked through), down to `maxDepth` levels: the places a fuzzer puts wrong
 * values so that it covers every field of every action without listing them by hand.
 */
export function schemaPaths(schema: z.ZodType, maxDepth = 4, prefix: Path = []): Path[] {
  if (prefix.length >= maxDepth) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return schemaPaths(def.innerType!, maxDepth, prefix);
    case 'pipe':
      return schemaPaths(def.in!, maxDepth, prefix);
    case 'lazy':
      return schemaPaths(def.getter!(), maxDepth, prefix);
    case 'union':
      return (def.options ?? []).flatMap((o) => schemaPaths(o, maxDepth, prefix));
    case 'array':
      return [[...prefix, 0], ...schemaPaths(def.element!, maxDepth, [...prefix, 0])];
    case 'record':
      return [[...prefix, 'k'], ...schemaPaths(def.valueType!, maxDepth, [...prefix, 'k'])];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) => [[...prefix, key], ...schemaPaths(field, maxDepth, [...prefix, key])]);
    default:
      return [];
  }
}

/** A copy of `base` with `value` put at `path` (creating objects and arrays on the way). */
export function setAt(base: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = structuredClone(base);
  let node: Record<string | number, unknown> = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const next = node[key];
    const child = typeof next === 'object' && next !== null ? next : typeof path[i + 1] === 'number' ? [] : {};
    Object.defineProperty(node, key, { value: child, enumerable: true, writable: true, configurable: true });
    node = child as Record<string | number, unknown>;
  });
  return root;
}
