import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { action, dispatch, type ActionContext, type ActionTable } from './actionRouter.js';

const ctx: ActionContext = { transport: 'rtm', origin: { connectionId: 'c1' } };
const table: ActionTable<string> = {
  echo: action(z.object({ text: z.string() }), async (session, input) => ({ session, text: input.text })),
  explode: action(z.object({}), () => { throw new DomainError('internal', 'thrown before any promise'); }),
};

/** How a call of dispatch ended: a value, a rejection, or a synchronous throw. */
function outcome(call: () => Promise<unknown>): Promise<{ value?: unknown; rejected?: unknown }> {
  let promise: Promise<unknown>;
  try {
    promise = call();
  } catch (thrown) {
    return Promise.resolve({ value: 'threw synchronously', rejected: thrown });
  }
  return promise.then((value) => ({ value }), (rejected: unknown) => ({ rejected }));
}

describe('actionRouter', () => {
  describe('dispatch()', () => {
    it('runs the handler of the action with the validated payload', async () => {
      expect(await outcome(() => dispatch(table, 'echo', 's1', { text: 'hi' }, ctx))).toEqual({ value: { session: 's1', text: 'hi' } });
    });

    it('rejects, never throws, for an unknown action, a bad payload and a handler that throws before returning a promise (#16)', async () => {
      const unknown = await outcome(() => dispatch(table, 'nope', 's1', {}, ctx));
      const invalid = await outcome(() => dispatch(table, 'echo', 's1', { text: 5 }, ctx));
      const thrown = await outcome(() => dispatch(table, 'explode', 's1', {}, ctx));
      expect([unknown, invalid, thrown].map((o) => [o.value, (o.rejected as DomainError).type])).toEqual([
        [undefined, 'validation'], [undefined, 'validation'], [undefined, 'internal'],
      ]);
      expect((unknown.rejected as DomainError).message).toBe('Unknown action: nope');
    });
  });
});
