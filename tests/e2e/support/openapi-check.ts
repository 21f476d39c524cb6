import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedReply } from './server';

const ROOT = join(__dirname, '../../..');
const BIN = join(ROOT, 'node_modules/.bin');

interface Document {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
}

/** The document's path template that a concrete request path matches, e.g. `/api/people/{id}/tasks`. */
export function templateOf(document: Document, path: string): string | undefined {
  const bare = `/api${path.split('?')[0]}`;
  return Object.keys(document.paths).find((template) => {
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
    return pattern.test(bare);
  });
}

/**
 * Each recorded answer against the document: its route and status must be documented, and a JSON body
 * must match the schema documented for that status. Returns what does not.
 */
export function undocumentedAnswers(document: Document, replies: RecordedReply[]): string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const problems: string[] = [];
  for (const reply of replies) {
    const template = templateOf(document, reply.path);
    const where = `${reply.method} ${reply.path} → ${reply.status}`;
    const operation = template && document.paths[template][reply.method.toLowerCase()];
    if (!operation) {
      if (reply.status !== 404) problems.push(`${where}: no such operation in the document`);
      continue;
    }
    const response = operation.responses[String(reply.status)];
    if (!response) {
      problems.push(`${where}: status not documented`);
      continue;
    }
    const mediaType = reply.contentType.split(';')[0].trim();
    const content = response.content?.[mediaType];
    if (!content) {
      problems.push(`${where}: ${mediaType} not documented for this status`);
      continue;
    }
    if (mediaType !== 'application/json') continue;
    const validate = ajv.compile(content.schema);
    if (!validate(reply.body)) {
      problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    }
  }
  return problems;
}

/**
 * Generates a typed client (`openapi-typescript`) from the document, then compiles a file that gives
 * each recorded JSON answer the type the client declares for it. Returns tsc's errors, each prefixed
 * with the answer it is about. Up to `perOperation` answers of each operation and status are used.
 */
export function typedClientComplaints(
  document: Document,
  replies: RecordedReply[],
  perOperation = 3,
): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tilneste-client-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    execFileSync(join(BIN, 'openapi-typescript'), [join(dir, 'openapi.json'), '-o', join(dir, 'schema.ts')], {
      stdio: 'pipe',
    });
    const seen = new Map<string, number>();
    const lines = [
      "import type { paths } from './schema';",
      '// The JSON body the generated client declares for an operation and status.',
      'type Answer<P extends keyof paths, M extends keyof paths[P], S extends number> =',
      "  paths[P][M] extends { responses: infer R } ? S extends keyof R ? R[S] extends { content: { 'application/json': infer B } } ? B : never : never : never;",
    ];
    let index = 0;
    const answerAtLine = new Map<number, string>();
    for (const reply of replies) {
      if (!reply.contentType.includes('application/json')) continue;
      const template = templateOf(document, reply.path);
      const method = reply.method.toLowerCase();
      if (!template || !document.paths[template][method]) continue;
      const key = `${method} ${template} ${reply.status}`;
      const count = seen.get(key) ?? 0;
      if (count >= perOperation) continue;
      seen.set(key, count + 1);
      lines.push(
        `export const answer${index++}: Answer<'${template}', '${method}', ${reply.status}> = ${JSON.stringify(reply.body)};`,
      );
      answerAtLine.set(lines.length, `${reply.method} ${reply.path} → ${reply.status}`);
    }
    if (index === 0) return ['no JSON answers to compile'];
    writeFileSync(join(dir, 'answers.ts'), `${lines.join('\n')}\n`);
    try {
      execFileSync(
        join(BIN, 'tsc'),
        [
          '--noEmit',
          '--strict',
          '--target',
          'es2022',
          '--module',
          'commonjs',
          '--skipLibCheck',
          join(dir, 'answers.ts'),
        ],
        { stdio: 'pipe', encoding: 'utf8' },
      );
      return [];
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      const output = `${stdout ?? ''}${stderr ?? ''}` || String(error);
      return output
        .split('\n')
        .filter((line) => line.includes('error TS'))
        .map((line) => {
          const at = /answers\.ts\((\d+),/.exec(line);
          return `${(at && answerAtLine.get(Number(at[1]))) ?? '?'}: ${line.slice(line.indexOf('error TS'))}`;
        });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
