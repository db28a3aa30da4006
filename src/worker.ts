import { Logger } from 'nestjs-pino';
import { createWorkerApp } from './bootstrap';
import { loadConfigOrExit } from './config/load-config';
import { WorkerProbeServer } from './modules/health/worker-probe.server';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createWorkerApp(config);
  const port = await app.get(WorkerProbeServer).listen(config.worker.port);
  app
    .get(Logger)
    .log(`FitAI worker processing jobs; probes on http://localhost:${port}/health/ready`);
}

main().catch((error: unknown) => {
  console.error('FitAI worker failed to start:', error);
  process.exit(1);
});
