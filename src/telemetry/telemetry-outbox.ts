import type { SiteId } from '../shared/site';
import type { TelemetryEvent } from './telemetry-event';

const DEFAULT_OUTBOX_CAPACITY = 1_000;

/**
 * Telemetry waiting for the next call of its site: rows of calls that never reached the database,
 * and the end-to-end view of calls whose row the serving SQL function already wrote. It rides along
 * with that call (nothing added to the user's path); a call that fails puts its batch back. When a
 * site's queue is full, its oldest records go first and are counted in `dropped` (their log lines
 * were already written, and rows reached the database without them).
 */
export class TelemetryOutbox {
  private readonly pending = new Map<SiteId, TelemetryEvent[]>();
  private droppedCount = 0;

  constructor(private readonly capacity: number = DEFAULT_OUTBOX_CAPACITY) {}

  enqueue(site: SiteId, event: TelemetryEvent): void {
    this.keep(site, [...(this.pending.get(site) ?? []), event]);
  }

  take(site: SiteId): TelemetryEvent[] {
    const batch = this.pending.get(site) ?? [];
    this.pending.delete(site);
    return batch;
  }

  restore(site: SiteId, batch: readonly TelemetryEvent[]): void {
    if (batch.length > 0) this.keep(site, [...batch, ...(this.pending.get(site) ?? [])]);
  }

  /** Records waiting for one site. */
  sizeOf(site: SiteId): number {
    return this.pending.get(site)?.length ?? 0;
  }

  /** Records waiting, all sites together. */
  get size(): number {
    let total = 0;
    for (const batch of this.pending.values()) total += batch.length;
    return total;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  private keep(site: SiteId, batch: TelemetryEvent[]): void {
    const excess = batch.length - this.capacity;
    if (excess > 0) this.droppedCount += excess;
    this.pending.set(site, excess > 0 ? batch.slice(excess) : batch);
  }
}
