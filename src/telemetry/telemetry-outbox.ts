import type { TelemetryEvent } from './telemetry-event';

export const DEFAULT_OUTBOX_CAPACITY = 1_000;

/**
 * Telemetry waiting to be persisted. It rides along with the next store call (one round trip,
 * nothing added to the user's path); a call that fails puts its batch back. When full, the
 * oldest records go first and are counted in `dropped` (the log line was already written).
 */
export class TelemetryOutbox {
  private pending: TelemetryEvent[] = [];
  private droppedCount = 0;

  constructor(private readonly capacity: number = DEFAULT_OUTBOX_CAPACITY) {}

  enqueue(event: TelemetryEvent): void {
    this.pending.push(event);
    this.trim();
  }

  take(): TelemetryEvent[] {
    const batch = this.pending;
    this.pending = [];
    return batch;
  }

  restore(batch: readonly TelemetryEvent[]): void {
    this.pending = [...batch, ...this.pending];
    this.trim();
  }

  get size(): number {
    return this.pending.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  private trim(): void {
    const excess = this.pending.length - this.capacity;
    if (excess > 0) {
      this.pending.splice(0, excess);
      this.droppedCount += excess;
    }
  }
}
