// Child process for the metrics crash test: writes one session's samples through the real writer,
// its real flush timer included, as fast as the event loop allows (simulated 1 Hz timestamps:
// sample i is taken `first + i` seconds after the synthetic start), until it is killed. After
// each flush it prints `written <n>`: a promise that its first n samples are written, so a SIGKILL
// cannot lose them (they are in the kernel; fdatasync, for power cuts, is batched: metrics-writer.ts).
//
// usage: metrics-killer <dataDir> <sessionId> <first sample index> <flush interval ms>
import { createMetricsWriter } from '../metrics/files/metrics-writer';
import { syntheticSample } from './synthetic-samples';

const SAMPLES_PER_TICK = 5;

const [dataDir, sessionId, firstText, flushText] = process.argv.slice(2);
if (!dataDir || !sessionId || !firstText || !flushText) {
  process.stderr.write('usage: metrics-killer <dataDir> <sessionId> <first sample index> <flush interval ms>\n');
  process.exit(2);
}
const first = Number(firstText);
const writer = createMetricsWriter({
  dataDir,
  sessionId,
  flushIntervalMs: Number(flushText),
  // stdout to a pipe is synchronous on Linux: once this returns, the parent can read the line.
  onFlushed: (report) => process.stdout.write(`written ${report.writtenSamples}\n`),
  log: { warn: (message) => process.stderr.write(`${message}\n`) },
});
let next = 0;
// setInterval keeps the process alive (the writer's own timer is unref'd) and leaves the event
// loop free between ticks for the flushes to run.
setInterval(() => {
  for (let i = 0; i < SAMPLES_PER_TICK; i += 1) writer.append(syntheticSample(first + next++));
}, 1);
