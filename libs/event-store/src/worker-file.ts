import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread on the file `<name>.js` beside the caller, or `<name>.ts` when the caller runs from TypeScript
 * sources (jest's swc transform, which a worker thread does not inherit, or tsx). Then the thread registers
 * tsx, which compiles the same sources and resolves the `@tilneste/*` paths from the root tsconfig.
 */
export function startWorkerFile(callerFile: string, name: string, options: WorkerOptions = {}): Worker {
  const fromSource = callerFile.endsWith('.ts');
  const dir = join(callerFile, '..');
  return new Worker(join(dir, `${name}.${fromSource ? 'ts' : 'js'}`), {
    ...options,
    ...(fromSource
      ? {
          execArgv: ['--require', require.resolve('tsx/cjs')],
          env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '../../../tsconfig.json') },
        }
      : {}),
  });
}
