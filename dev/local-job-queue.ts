import type { JobQueue } from '../src/cleanup/job-queue';
import type { SiteId } from '../src/shared/site';

/** What Forge calls for each event: the consumer function with the event and the invocation's context. */
type JobConsumer = (event: unknown, context: unknown) => Promise<void>;

export interface LocalJobQueue extends JobQueue {
  /** The consumer the events go to (the same function Forge's consumer module names). */
  connect(consumer: JobConsumer): void;
  /** Tests: runs every queued event, and the events they queue, now (delays skipped); the number run. */
  drain(): Promise<number>;
  /** Events waiting. */
  readonly pending: number;
  /** Tests: the waiting events are lost, as when a consumer dies in the middle of a step. */
  lose(): void;
  close(): void;
}

/**
 * Forge's async events queue, emulated as the local host emulates the bridge: each push is delivered
 * to the consumer with the context Forge gives it (the site's installContext, and the principal who
 * pushed). `autoRun` delivers each event after its delay, as Forge does; without it, events wait for
 * `drain()`, so a test decides when the background runs.
 */
export function createLocalJobQueue(options: {
  site: SiteId;
  autoRun: boolean;
  log?: (line: string) => void;
}): LocalJobQueue {
  let consumer: JobConsumer | undefined;
  const waiting: { jobId: string; principal: string | null }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const deliver = async (event: { jobId: string; principal: string | null }) => {
    if (consumer === undefined) throw new Error('The local job queue has no consumer connected');
    const context = {
      installContext: options.site,
      ...(event.principal === null ? {} : { principal: { accountId: event.principal } }),
    };
    await consumer({ body: { jobId: event.jobId }, jobId: `local-${event.jobId}` }, context);
  };
  return {
    connect(next) {
      consumer = next;
    },
    push(jobId, { principal, delaySeconds }) {
      if (!options.autoRun) {
        waiting.push({ jobId, principal });
        return Promise.resolve();
      }
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          deliver({ jobId, principal }).catch((error: unknown) => options.log?.(`[hdc-local-queue] ${String(error)}`));
        },
        (delaySeconds ?? 0) * 1000,
      );
      timers.add(timer);
      return Promise.resolve();
    },
    async drain() {
      let delivered = 0;
      for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) {
        await deliver(next);
        delivered += 1;
      }
      return delivered;
    },
    get pending() {
      return waiting.length;
    },
    lose() {
      waiting.length = 0;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
