import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { MetricsService } from '../../infrastructure/metrics/metrics.service';
import { HealthService } from './health.service';

/**
 * The worker has no REST API; this small server answers the same probes as the API
 * (/health/live, /health/ready, /metrics) on WORKER_PORT for orchestrators and Prometheus.
 */
@Injectable()
export class WorkerProbeServer implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerProbeServer.name);
  private server?: Server;

  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
  ) {}

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server = createServer((req, res) => {
      this.route(req.method ?? 'GET', (req.url ?? '/').split('?')[0], res).catch((error) => {
        this.logger.error({ err: error }, 'probe failed');
        this.send(res, 500, 'application/json', { status: 'error' });
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  private async route(method: string, path: string, res: ServerResponse): Promise<void> {
    if (method !== 'GET') return this.send(res, 405, 'application/json', { status: 'error' });
    switch (path) {
      case '/health/live':
        return this.send(res, 200, 'application/json', { status: 'ok' });
      case '/health/ready': {
        const { ready, result } = await this.health.readiness();
        return this.send(res, ready ? 200 : 503, 'application/json', result);
      }
      case '/metrics':
        return this.send(res, 200, this.metrics.contentType, await this.metrics.metrics());
      default:
        return this.send(res, 404, 'application/json', { status: 'not found' });
    }
  }

  private send(res: ServerResponse, status: number, type: string, body: unknown): void {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
