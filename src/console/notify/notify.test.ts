import { describe, expect, it } from 'vitest';
import { createBeeper, type AudioContextLike } from './beep.js';
import { titleWithBadge } from './titleBadge.js';

function fakeAudio() {
  const started: number[] = [];
  const context: AudioContextLike = {
    currentTime: 10,
    destination: {},
    createOscillator: () => ({ type: '', frequency: { value: 0 }, connect: () => undefined, start: (when = 0) => void started.push(when), stop: () => undefined }),
    createGain: () => ({ gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: () => undefined }),
  };
  return { context, started };
}

describe('createBeeper', () => {
  describe('beep()', () => {
    it('plays two short tones and creates the audio context only once', () => {
      const { context, started } = fakeAudio();
      let made = 0;
      const beeper = createBeeper(() => {
        made += 1;
        return context;
      });
      beeper.beep();
      beeper.beep();
      expect(made).toBe(1);
      expect(started).toEqual([10, 10.12, 10, 10.12]);
    });

    it('stays silent without Web Audio and never throws', () => {
      expect(() => createBeeper(() => undefined).beep()).not.toThrow();
      expect(() => createBeeper(() => { throw new Error('blocked'); }).beep()).not.toThrow();
    });
  });
});

describe('titleWithBadge', () => {
  it('prefixes the count, caps it, and leaves the title alone at zero', () => {
    expect(titleWithBadge('Console', 0)).toBe('Console');
    expect(titleWithBadge('Console', 3)).toBe('(3) Console');
    expect(titleWithBadge('Console', 120)).toBe('(99+) Console');
  });
});
