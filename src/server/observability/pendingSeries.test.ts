import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PendingCounts, PendingObservations } from './pendingSeries.js';

describe('PendingCounts', () => {
  describe('inc()', () => {
    it('adds what was counted per label set to the counter when the registry is read (#16)', async () => {
      const registry = new Registry();
      const pending = new PendingCounts(['surface', 'action']);
      new Counter({ name: 't_requests_total', help: 'h', labelNames: ['surface', 'action'], registers: [registry], collect() { pending.flushInto(this); } });
      pending.inc('customer', 'send_event');
      pending.inc('customer', 'send_event');
      pending.inc('agent', 'send_event');
      const first = await registry.getSingleMetricAsString('t_requests_total');
      expect(first).toContain('t_requests_total{surface="customer",action="send_event"} 2');
      expect(first).toContain('t_requests_total{surface="agent",action="send_event"} 1');
      pending.inc('customer', 'send_event');
      expect(await registry.getSingleMetricAsString('t_requests_total')).toContain('t_requests_total{surface="customer",action="send_event"} 3');
    });
  });
});

describe('PendingObservations', () => {
  const setup = (max?: number, flushOnRead = true) => {
    const registry = new Registry();
    const pending: PendingObservations = new PendingObservations(['action'], () => histogram, max);
    const histogram: Histogram<string> = new Histogram({
      name: 't_seconds', help: 'h', labelNames: ['action'], buckets: [1, 10], registers: [registry],
      ...(flushOnRead ? { collect() { pending.flush(); } } : {}),
    });
    return { registry, pending };
  };

  describe('observe()', () => {
    it('puts the observations into their buckets when the registry is read (#16)', async () => {
      const { registry, pending } = setup();
      pending.observe(0.5, 'send_event');
      pending.observe(5, 'send_event');
      pending.observe(0.2, 'login');
      const text = await registry.getSingleMetricAsString('t_seconds');
      expect(text).toContain('t_seconds_bucket{le="1",action="send_event"} 1');
      expect(text).toContain('t_seconds_bucket{le="10",action="send_event"} 2');
      expect(text).toContain('t_seconds_count{action="login"} 1');
    });

    it('hands a full cell over at once, so unread observations stay bounded', async () => {
      const { registry, pending } = setup(3, false);
      for (let i = 0; i < 7; i++) pending.observe(0.1, 'send_event');
      // This histogram does not flush on read: what it shows is what was handed over (two full cells of 3).
      expect(await registry.getSingleMetricAsString('t_seconds')).toContain('t_seconds_count{action="send_event"} 6');
    });

    it('hands cells over in batches of 256 by default: a batch of 4,096 stalled the loop for 5–10 ms (#16)', async () => {
      const { registry, pending } = setup(undefined, false);
      for (let i = 0; i < 255; i++) pending.observe(0.1, 'send_event');
      expect(await registry.getSingleMetricAsString('t_seconds')).not.toContain('t_seconds_count{action="send_event"}');
      pending.observe(0.1, 'send_event');
      expect(await registry.getSingleMetricAsString('t_seconds')).toContain('t_seconds_count{action="send_event"} 256');
    });
  });
});
