import { percentile } from './stats';

/** What the health checks of one window saw. */
export interface HealthWindow {
  /** Latency of every reply, in ms, from both pollers. */
  latencies: number[];
  /** Replies from the back-to-back poller and from the timer's. */
  backToBack: number;
  timed: number;
  /** Checks that failed (an error, or a status other than 200). */
  failed: number;
  ms: number;
}

export const summarise = (w: HealthWindow) => ({
  p50: percentile(w.latencies, 50),
  p99: percentile(w.latencies, 99),
  max: percentile(w.latencies, 100),
  replies: w.latencies.length,
  repliesPerSecond: (w.latencies.length / w.ms) * 1000,
});

/**
 * Polls `GET <api>/health` two ways at once until stopped: one request after another, and one sent every
 * `everyMs` on a timer whatever the others are doing, so a stalled server shows as requests that wait (a
 * back-to-back poller alone would send nothing while its one request hangs).
 */
export class HealthPoller {
  private running = true;
  private readonly started = performance.now();
  private readonly window: HealthWindow = { latencies: [], backToBack: 0, timed: 0, failed: 0, ms: 0 };
  private readonly inFlight = new Set<Promise<void>>();
  private readonly loop: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    everyMs = 10,
  ) {
    this.loop = (async () => {
      while (this.running) await this.check('backToBack');
    })();
    this.timer = setInterval(() => {
      const check = this.check('timed');
      this.inFlight.add(check);
      void check.finally(() => this.inFlight.delete(check));
    }, everyMs);
  }

  private async check(kind: 'backToBack' | 'timed'): Promise<void> {
    const sent = performance.now();
    try {
      const res = await fetch(this.url);
      await res.arrayBuffer();
      if (res.status !== 200) {
        this.window.failed += 1;
        return;
      }
    } catch {
      this.window.failed += 1;
      return;
    }
    this.window.latencies.push(performance.now() - sent);
    this.window[kind] += 1;
  }

  /** Stops sending and waits for the checks still under way: a reply that comes late is the one that counts. */
  async stop(): Promise<HealthWindow> {
    this.running = false;
    clearInterval(this.timer);
    this.window.ms = performance.now() - this.started;
    await this.loop;
    await Promise.all([...this.inFlight]);
    return this.window;
  }
}
