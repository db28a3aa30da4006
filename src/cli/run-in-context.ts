import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/**
 * How every ops command runs: `module` booted as a bare Nest context (only errors logged), then
 * `task`, then the context closed whatever happened; a failure's message goes to stderr and
 * the exit code is 1.
 */
export async function runInContext(
  module: Type<unknown>,
  task: (app: INestApplicationContext) => Promise<void>,
): Promise<void> {
  const app = await NestFactory.createApplicationContext(module, { logger: ['error'] });
  try {
    await task(app);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}
