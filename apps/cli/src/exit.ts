/**
 * Ends the process with `code` once stdout and stderr have handed everything written to them to the operating
 * system. On Linux a pipe takes writes asynchronously: what it could not take at once waits in the process, and
 * `process.exit` drops it, so `cli export | gzip` lost the last events whenever the reader lagged at the end.
 */
export function exitWhenWritten(code: number): void {
  let pending = 2;
  const written = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  // A write's callback runs once it and everything queued before it are written.
  process.stdout.write('', written);
  process.stderr.write('', written);
}
