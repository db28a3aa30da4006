import { Logger } from 'nestjs-pino';
import { createApiApp } from './bootstrap';
import { loadConfigOrExit } from './config/load-config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen(config.http.port, '0.0.0.0');
  const base = `http://localhost:${config.http.port}`;
  app
    .get(Logger)
    .log(
      `FitAI API listening on ${base}/api/v1; probes on ${base}/health/live, ${base}/health/ready` +
        (config.http.swaggerEnabled ? ` — Swagger UI: ${base}/docs` : ''),
    );
}

main().catch((error: unknown) => {
  console.error('FitAI API failed to start:', error);
  process.exit(1);
});
