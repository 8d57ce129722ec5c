import { main } from './index.js';

// Ctrl-C cancels cleanly (the run is kept resumable); a second Ctrl-C exits at once.
const controller = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write('\nStopping after the records in flight (Ctrl-C again to force)…\n');
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

main(process.argv.slice(2), process.env, {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
})
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
