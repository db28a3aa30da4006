/**
 * The image's HEALTHCHECK (one image, two roles): healthy when this container's API (`PORT`)
 * or worker probe (`WORKER_PORT`) answers /health/ready with 200 within 4 s. The container runs
 * one of the two, so the other port refuses at once. No Nest, no config validation: it must
 * stay cheap, and it runs as a separate `node` process every interval.
 */
const ports = [process.env.PORT ?? '3000', process.env.WORKER_PORT ?? '3001'];

async function ready(port: string): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      signal: AbortSignal.timeout(4_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

void Promise.all(ports.map(ready)).then((answers) => process.exit(answers.some(Boolean) ? 0 : 1));
