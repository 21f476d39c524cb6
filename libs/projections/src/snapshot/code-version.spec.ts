import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeVersion } from './read-model-snapshot';

describe("a read model's code version", () => {
  let dir: string;
  const version = (root: string) => codeVersion(join(root, 'projections'), join(root, 'events.js'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tilneste-code-version-'));
    mkdirSync(join(dir, 'a', 'projections', 'tasks'), { recursive: true });
    writeFileSync(join(dir, 'a', 'projections', 'catalog.js'), 'exports.apply = () => 1;\n');
    writeFileSync(join(dir, 'a', 'projections', 'tasks', 'tasks.js'), 'exports.tasks = [];\n');
    writeFileSync(join(dir, 'a', 'projections', 'tasks', 'tasks.spec.js'), 'it("is a spec");\n');
    writeFileSync(join(dir, 'a', 'events.js'), 'exports.schema = {};\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the same for the same code in another folder, as a build copied or deployed elsewhere', () => {
    cpSync(join(dir, 'a'), join(dir, 'elsewhere', 'b'), { recursive: true });
    expect(version(join(dir, 'elsewhere', 'b'))).toBe(version(join(dir, 'a')));
  });

  it("changes with a file's content or name, and not with a spec", () => {
    const before = version(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'projections', 'tasks', 'tasks.spec.js'), 'it("is another spec");\n');
    expect(version(join(dir, 'a'))).toBe(before);

    writeFileSync(join(dir, 'a', 'events.js'), 'exports.schema = { more: true };\n');
    const changed = version(join(dir, 'a'));
    expect(changed).not.toBe(before);

    renameSync(
      join(dir, 'a', 'projections', 'tasks', 'tasks.js'),
      join(dir, 'a', 'projections', 'tasks', 'todo.js'),
    );
    expect(version(join(dir, 'a'))).not.toBe(changed);
  });
});
