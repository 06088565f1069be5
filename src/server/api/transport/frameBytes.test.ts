import { describe, expect, it } from 'vitest';
import { objectFrame, pushFrame, responseFrame, sharedPushFrame } from './frameBytes.js';

const payload = { chat_id: 'C', event: { text: 'he said "hi" — Grüße 🙂\n', n: [1, { x: null }] } };
const bytesOf = (value: unknown) => Buffer.from(JSON.stringify(value));

/**
 * The payload of `frame`, which must be one whole final, unmasked text frame (RFC 6455 5.2); the
 * real `ws` client reads them in frameWriter.test.ts.
 */
function read(frame: Buffer): Buffer {
  expect(frame[0]).toBe(0x81);
  const short = frame[1]!;
  const [length, offset] = short < 126 ? [short, 2] : short === 126 ? [frame.readUInt16BE(2), 4] : [frame.readUInt32BE(2) * 2 ** 32 + frame.readUInt32BE(6), 10];
  expect(frame.length).toBe(offset + length);
  return frame.subarray(offset);
}

describe('frameBytes', () => {
  describe('pushFrame()', () => {
    it('writes a text frame of the bytes of JSON.stringify of the push frame, with and without request_id (#16)', () => {
      expect(read(pushFrame('3.5', 'incoming_event', JSON.stringify(payload)))).toEqual(bytesOf({ version: '3.5', action: 'incoming_event', type: 'push', payload }));
      expect(read(pushFrame('3.5', 'incoming_event', JSON.stringify(payload), 'r"1é'))).toEqual(bytesOf({ version: '3.5', action: 'incoming_event', type: 'push', payload, request_id: 'r"1é' }));
    });

    it('keeps each version and push name to its own frame head when they alternate (heads are made once: #16)', () => {
      for (const [version, action] of [['3.5', 'incoming_event'], ['3.4', 'incoming_event'], ['3.5', 'chat_deactivated'], ['3.4', 'chat_deactivated'], ['3.5', 'incoming_event']] as const) {
        expect(read(pushFrame(version, action, '{"chat_id":"C"}'))).toEqual(bytesOf({ version, action, type: 'push', payload: { chat_id: 'C' } }));
      }
    });
  });

  describe('sharedPushFrame()', () => {
    it('encodes a payload once while it goes to several connections in a row (#16)', () => {
      const json = JSON.stringify({ chat: { id: 'C' } });
      const first = sharedPushFrame('3.5', 'incoming_chat', json);
      expect(first).toEqual(pushFrame('3.5', 'incoming_chat', json));
      expect(sharedPushFrame('3.5', 'incoming_chat', json)).toBe(first);
    });

    it('starts anew for another payload, action or version', () => {
      const json = JSON.stringify({ chat: { id: 'D' } });
      const first = sharedPushFrame('3.5', 'incoming_chat', json);
      for (const [version, action, body] of [['3.4', 'incoming_chat', json], ['3.4', 'chat_deactivated', json], ['3.4', 'chat_deactivated', '{}']] as const) {
        const frame = sharedPushFrame(version, action, body);
        expect(frame).not.toBe(first);
        expect(frame).toEqual(pushFrame(version, action, body));
      }
    });
  });

  describe('responseFrame()', () => {
    it('writes a text frame of the bytes of JSON.stringify of the success response, with and without request_id or payload (#16)', () => {
      expect(read(responseFrame('send_event', 'r"1é', JSON.stringify(payload)))).toEqual(bytesOf({ request_id: 'r"1é', action: 'send_event', type: 'response', success: true, payload }));
      expect(read(responseFrame('send_event', undefined, '{}'))).toEqual(bytesOf({ action: 'send_event', type: 'response', success: true, payload: {} }));
      expect(read(responseFrame('ping', '7', undefined))).toEqual(bytesOf({ request_id: '7', action: 'ping', type: 'response', success: true }));
      expect(read(responseFrame('ping', undefined, undefined))).toEqual(bytesOf({ action: 'ping', type: 'response', success: true }));
    });
  });

  describe('objectFrame()', () => {
    it('writes a text frame of the UTF-8 bytes of the JSON text', () => {
      expect(read(objectFrame({ action: 'Grüße' })).toString('utf8')).toBe('{"action":"Grüße"}');
    });
  });

  describe('frame headers', () => {
    it('use the shortest length form: 7-bit below 126 bytes, 16-bit below 65,536, else 64-bit (#16)', () => {
      for (const [length, header] of [[2, 2], [125, 2], [126, 4], [65_535, 4], [65_536, 10], [70_001, 10]] as const) {
        // A JSON string of `length` bytes: two quotes around length - 2 letters.
        const json = JSON.stringify('x'.repeat(length - 2));
        const frame = objectFrame(JSON.parse(json));
        expect(frame.length - length).toBe(header);
        expect(read(frame).toString('utf8')).toBe(json);
      }
    });
  });
});
