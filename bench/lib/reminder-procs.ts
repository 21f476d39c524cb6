import { fork, spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import type { SinkReport } from '../workers/smtp-sink.worker';
import { worker } from './paths';

/** Children of the reminders row die with the harness, whatever the row was doing. */
const children = new Set<ChildProcess>();
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));

function track<C extends ChildProcess>(child: C): C {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Like `runNode`, but killed (and failed) when it runs past `timeoutMs`: CI must never hang on a row. */
export function runNodeWithin<T>(script: string, args: string[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    const timer = setTimeout(() => {
      err += `\n(killed after ${timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0)
        return reject(new Error(`${script} ${args[0]} exited ${code ?? signal}: ${err.trim()}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON: ${out.slice(-500)} ${err}`));
      }
    });
  });
}

/** The SMTP sink process (bench/workers/smtp-sink.worker.ts), driven over IPC. */
export class SmtpSink {
  private next = 1;
  private readonly waiting = new Map<number, (reply: { report: SinkReport }) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (reply: { id: number; report: SinkReport }) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  static start(timeoutMs = 10_000): Promise<SmtpSink> {
    const child = track(fork(worker('smtp-sink'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('the SMTP sink did not start'));
      }, timeoutMs);
      child.once('message', (hello: { port: number }) => {
        clearTimeout(timer);
        resolve(new SmtpSink(child, hello.port));
      });
      child.once('exit', (code) => reject(new Error(`the SMTP sink exited ${code}`)));
    });
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private ask(cmd: 'reset' | 'report' | 'stop', timeoutMs = 5_000): Promise<SinkReport> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the SMTP sink did not answer ${cmd}`)), timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply.report);
      });
      this.child.send({ id, cmd });
    });
  }

  reset = () => this.ask('reset');
  report = () => this.ask('report');

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    await this.ask('stop').catch(() => this.child.kill('SIGKILL'));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Fails at once, naming the URL, when Redis does not answer: the row would otherwise wait for its deadline. */
export async function assertRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`the reminders row needs Redis at ${redisUrl} (REDIS_URL): ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
