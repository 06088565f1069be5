/** `(3) Switchboard console` — the count in front, nothing when there is nothing to see. */
export function titleWithBadge(base: string, count: number): string {
  if (count <= 0) return base;
  return `(${count > 99 ? '99+' : count}) ${base}`;
}
