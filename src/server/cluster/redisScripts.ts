import type { Redis } from 'ioredis';

/** Server time in ms inside a script, so that every node measures TTLs and due times on one clock. */
const NOW = `local function now() local t = redis.call('TIME'); return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end
`;

/**
 * Presence keys (p = prefix): `p presence` (every entry, for reaping), `p presence:<lic>` (the
 * license's entries, for listing) and `p presence:<lic>:<user>` (the user's nodes). Scores are
 * expiry times; an entry is `<lic>\n<user>\n<node>` in the first, `<user>\n<node>` in the second.
 */
const PRESENCE_ADD = `local function add(p, lic, user, node, exp)
  redis.call('ZADD', p .. 'presence', exp, lic .. '\\n' .. user .. '\\n' .. node)
  redis.call('ZADD', p .. 'presence:' .. lic, exp, user .. '\\n' .. node)
  redis.call('ZADD', p .. 'presence:' .. lic .. ':' .. user, exp, node)
end
`;

export const SCRIPTS = {
  /** ARGV: prefix, node, ttlMs, then license/user pairs. */
  presenceRefresh: NOW + PRESENCE_ADD + `local exp = now() + tonumber(ARGV[3])
for i = 4, #ARGV, 2 do add(ARGV[1], ARGV[i], ARGV[i + 1], ARGV[2], exp) end
return 0`,
  /** ARGV: prefix, license, user, node. Returns 1 when the user has no live entry left. */
  presenceRemove: NOW + `local p, lic, user, node = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
redis.call('ZREM', p .. 'presence', lic .. '\\n' .. user .. '\\n' .. node)
redis.call('ZREM', p .. 'presence:' .. lic, user .. '\\n' .. node)
local ukey = p .. 'presence:' .. lic .. ':' .. user
redis.call('ZREM', ukey, node)
if redis.call('ZCOUNT', ukey, '(' .. now(), '+inf') == 0 then return 1 end
return 0`,
  /** ARGV: prefix, license, user. */
  presenceCount: NOW + `return redis.call('ZCOUNT', ARGV[1] .. 'presence:' .. ARGV[2] .. ':' .. ARGV[3], '(' .. now(), '+inf')`,
  /** ARGV: prefix, license. Live `<user>\n<node>` entries. */
  presenceList: NOW + `return redis.call('ZRANGEBYSCORE', ARGV[1] .. 'presence:' .. ARGV[2], '(' .. now(), '+inf')`,
  /**
   * ARGV: prefix, limit, ttlMs. Removes expired entries; returns license, user, silent-for-ms
   * triples of users left with no entry at all. Atomic, so each lost user goes to one node.
   */
  presenceReap: NOW + `local p, t, ttl = ARGV[1], now(), tonumber(ARGV[3])
local expired = redis.call('ZRANGEBYSCORE', p .. 'presence', '-inf', t, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for i = 1, #expired, 2 do
  local m, exp = expired[i], tonumber(expired[i + 1])
  local lic, user, node = string.match(m, '^([^\\n]*)\\n(.*)\\n([^\\n]*)$')
  redis.call('ZREM', p .. 'presence', m)
  redis.call('ZREM', p .. 'presence:' .. lic, user .. '\\n' .. node)
  local ukey = p .. 'presence:' .. lic .. ':' .. user
  redis.call('ZREM', ukey, node)
  if redis.call('ZCARD', ukey) == 0 then
    table.insert(out, lic); table.insert(out, user); table.insert(out, tostring(t - (exp - ttl)))
  end
end
return out`,

  /** Jobs: `p jobs` scored by due time, `p jobs:claimed` by lease end. ARGV: prefix, key, delayMs. */
  jobSchedule: NOW + `redis.call('ZADD', ARGV[1] .. 'jobs', now() + tonumber(ARGV[3]), ARGV[2]) return 0`,
  /**
   * ARGV: prefix, limit, leaseMs, then the kinds this node handles. Puts jobs whose lease ran out
   * (their node died mid-run) back as due, then moves due jobs of those kinds to claimed.
   */
  jobClaim: NOW + `local p, t, lease = ARGV[1], now(), tonumber(ARGV[3])
local kinds = {}
for i = 4, #ARGV do kinds[ARGV[i]] = true end
for _, k in ipairs(redis.call('ZRANGEBYSCORE', p .. 'jobs:claimed', '-inf', t)) do
  redis.call('ZREM', p .. 'jobs:claimed', k)
  redis.call('ZADD', p .. 'jobs', 'NX', t, k)
end
local out = {}
for _, k in ipairs(redis.call('ZRANGEBYSCORE', p .. 'jobs', '-inf', t, 'LIMIT', 0, tonumber(ARGV[2]))) do
  local kind = string.match(k, '^([^:]*)')
  if kinds[kind] then
    redis.call('ZREM', p .. 'jobs', k)
    redis.call('ZADD', p .. 'jobs:claimed', t + lease, k)
    table.insert(out, k)
  end
end
return out`,
  /** ARGV: prefix, key, retryMs (-1: done). */
  jobFinish: NOW + `redis.call('ZREM', ARGV[1] .. 'jobs:claimed', ARGV[2])
if tonumber(ARGV[3]) >= 0 then redis.call('ZADD', ARGV[1] .. 'jobs', 'NX', now() + tonumber(ARGV[3]), ARGV[2]) end
return 0`,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** Runs one of the scripts above (EVALSHA, loaded on first use by ioredis). */
export function runScript<T>(redis: Redis, name: ScriptName, args: (string | number)[]): Promise<T> {
  const commands = redis as unknown as Record<string, (...a: (string | number)[]) => Promise<T>>;
  if (typeof commands[name] !== 'function') redis.defineCommand(name, { numberOfKeys: 0, lua: SCRIPTS[name] });
  return commands[name]!(...args);
}
