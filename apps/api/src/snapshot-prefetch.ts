// The first thing the API's entry loads: with a read-model snapshot to start from, its file is opened and read
// through for its checksum on a thread of its own while the rest of the process loads. Only when `main` is the
// process's entry, not when a test imports `createApi`. Nothing here stops a start: a configuration error is main's
// to report, and a failed check leaves the load to sum the file itself.
import { basename, dirname } from 'node:path';
import { loadConfig } from '@tilneste/config';
import { prefetchSnapshot } from '@tilneste/projections/prefetch';

const entry = require.main?.filename;
if (entry && dirname(entry) === __dirname && /^main\.[jt]s$/.test(basename(entry))) {
  try {
    prefetchSnapshot(loadConfig().READ_MODEL_SNAPSHOT);
  } catch {
    // main reports a bad configuration in one line
  }
}
