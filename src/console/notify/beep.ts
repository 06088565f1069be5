/** The part of the Web Audio API a beep needs (so tests can pass a fake). */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly destination: unknown;
  readonly state?: string;
  resume?(): Promise<void>;
  createOscillator(): { type: string; frequency: { value: number }; connect(node: unknown): unknown; start(when?: number): void; stop(when?: number): void };
  createGain(): { gain: { setValueAtTime(v: number, t: number): unknown; exponentialRampToValueAtTime(v: number, t: number): unknown }; connect(node: unknown): unknown };
}

/**
 * A short two-tone beep generated with Web Audio (no sound file to download). The audio context is
 * created on the first beep, lazily, because browsers only allow sound after a user gesture.
 * @example
 * const beeper = createBeeper(() => new AudioContext());
 * beeper.beep();
 */
export function createBeeper(makeContext: () => AudioContextLike | undefined): { beep(): void } {
  let context: AudioContextLike | undefined;
  return {
    beep() {
      try {
        context ??= makeContext();
        if (!context) return;
        if (context.state === 'suspended') void context.resume?.().catch(() => undefined);
        const start = context.currentTime;
        for (const [offset, frequency] of [[0, 880], [0.12, 1320]] as const) {
          const oscillator = context.createOscillator();
          const gain = context.createGain();
          oscillator.type = 'sine';
          oscillator.frequency.value = frequency;
          gain.gain.setValueAtTime(0.15, start + offset);
          gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.1);
          oscillator.connect(gain);
          gain.connect(context.destination);
          oscillator.start(start + offset);
          oscillator.stop(start + offset + 0.11);
        }
      } catch {
        // NOTE: no audio device or a blocked context: a missing beep must never break the console
      }
    },
  };
}

export function browserAudioContext(): AudioContextLike | undefined {
  const Ctor = (globalThis as { AudioContext?: new () => AudioContextLike }).AudioContext;
  return Ctor ? new Ctor() : undefined;
}
