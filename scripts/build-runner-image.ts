// npm run build:runner — builds the runner image the way the app does on first Play (same code,
// same progress), so a game box or CI can prepare it ahead of time. Does nothing when it exists.
import { connectDocker } from '../src/main/docker/engine';
import { defaultRunnerContext, ensureRunnerImage } from '../src/main/docker/runner-image';
import { defaultDockerEndpoint } from '../src/main/app-data/settings';

const image = process.argv[2] ?? 'dillinger-runner:local';
const started = Date.now();
let lastStep = -1;
ensureRunnerImage(connectDocker(defaultDockerEndpoint()), {
  image,
  contextDir: defaultRunnerContext(),
  build: true,
  onProgress: ({ step, totalSteps, line }) => {
    if (step !== lastStep) console.log(`[${step}/${totalSteps}] ${line}`);
    lastStep = step;
  },
})
  .then(({ built }) => console.log(built ? `Built ${image} in ${((Date.now() - started) / 1000).toFixed(0)} s.` : `${image} is already there.`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
