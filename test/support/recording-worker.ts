/**
 * A real worker process for tests that kill one (SIGKILL): WorkerModule plus the test-only
 * RecordingSubscriber, configured from the environment (testEnvironmentVariables). Prints
 * "ready" once it has booted. Run with `node -r ts-node/register`.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../src/config/load-config';
import { WorkerModule } from '../../src/worker.module';
import { RecordingSubscriber } from './recording-subscriber';

async function main(): Promise<void> {
  const config = loadConfig(process.env);

  @Module({ imports: [WorkerModule.forRoot(config)], providers: [RecordingSubscriber] })
  class RecordingWorkerModule {}

  const app = await NestFactory.createApplicationContext(RecordingWorkerModule, {
    logger: ['error'],
  });
  app.enableShutdownHooks();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
