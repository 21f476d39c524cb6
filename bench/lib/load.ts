import autocannon from 'autocannon';
import { percentile } from './stats';
import { TOKEN } from './proc';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

/** One closed-loop autocannon run from this process (the server is another); latencies kept at full resolution. */
export function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        method: options.method ?? 'GET',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      },
      (error, result) => {
        if (error) return reject(error);
        if (result.non2xx || result.errors || result.timeouts) {
          return reject(
            new Error(
              `${options.method ?? 'GET'} ${options.url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
            ),
          );
        }
        resolve({
          rps: latencies.length / result.duration,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          requests: latencies.length,
        });
      },
    );
    // autocannon's own histogram is in whole milliseconds; this keeps the fractions.
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status < 300) latencies.push(ms);
    });
  });
}
