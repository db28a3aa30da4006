import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiPath } from '../../common/http/api-path';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { ALL_QUEUE_NAMES } from '../../infrastructure/queues/job-registry';
import { BoardAction, BOARD_COOKIE, QueueBoardAccess } from './queue-board-access.service';

/** Where the dashboard is served (not part of the JSON API, nor of its OpenAPI document). */
export const QUEUE_BOARD_PATH = apiPath('admin/queues/board');

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function refuse(reply: FastifyReply, status: number, detail: string): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: status === 401 ? 'urn:fitai:problem:unauthorized' : 'urn:fitai:problem:invalid-token',
      title: status === 401 ? 'Unauthorized' : 'Invalid or expired link',
      status,
      detail,
    });
}

/** The board's reads: never audited. Everything else changes queues or jobs. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a mutating request to the board's API does, from its route pattern (relative to the
 * board, e.g. `/api/queues/:queueName/:jobId/retry`) and parameters: the static segments and
 * the other parameters' values make the name (`retry`, `retry failed`, `clean completed`,
 * `job-schedulers nightly remove`), the queue and the job are kept apart.
 */
export function boardActionOf(
  route: string,
  params: Record<string, string | undefined>,
): BoardAction {
  const segments = route.split('/').filter(Boolean);
  if (segments[0] === 'api') segments.shift();
  if (segments[0] === 'queues') segments.shift();
  const words = segments
    .filter((segment) => segment !== ':queueName' && segment !== ':jobId')
    .map((segment) => (segment.startsWith(':') ? (params[segment.slice(1)] ?? '?') : segment));
  return {
    name: words.join(' ') || 'change',
    queue: params.queueName ?? null,
    jobId: params.jobId ?? null,
  };
}

/**
 * Bull Board (the queue dashboard for ops, docs/admin.md) on the API's server, for every Bull
 * queue, behind QueueBoardAccess's cookie. API only: the worker has no HTTP server.
 */
@Injectable()
export class QueueBoard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly jobs: JobQueue,
    private readonly access: QueueBoardAccess,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.register !== 'function') return;
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: ALL_QUEUE_NAMES.map((name) => new BullAdapter(this.jobs.queue(name))),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'FitAI queues' } },
    });
    const access = this.access;
    void fastify.register(
      async (board: FastifyInstance) => {
        // The link from POST /admin/queues/board-session: spends the ticket, sets the cookie.
        board.get('/login', async (request, reply) => {
          const { ticket } = request.query as { ticket?: string };
          const granted = typeof ticket === 'string' ? await access.redeem(ticket) : null;
          if (!granted) {
            return refuse(
              reply,
              400,
              'This dashboard link is invalid, was already used, or has expired. Ask for a new one.',
            );
          }
          const secure = request.protocol === 'https' ? '; Secure' : '';
          return reply
            .header(
              'set-cookie',
              `${BOARD_COOKIE}=${granted.cookie}; Path=${QUEUE_BOARD_PATH}; Max-Age=${granted.maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`,
            )
            .header('cache-control', 'no-store')
            .redirect(`${QUEUE_BOARD_PATH}/`, 303);
        });
        board.addHook('onRequest', async (request, reply) => {
          const route = request.routeOptions.url;
          if (route === `${QUEUE_BOARD_PATH}/login`) return;
          const adminId = await access.adminOf(cookieOf(request, BOARD_COOKIE));
          if (!adminId) {
            return refuse(
              reply,
              401,
              'Open the queue dashboard through POST /api/v1/admin/queues/board-session (admins).',
            );
          }
          // Every change made through the board is audited before it runs (no route: a 404).
          if (!READS.has(request.method) && route) {
            await access.recordBoardAction(
              adminId,
              boardActionOf(
                route.slice(QUEUE_BOARD_PATH.length),
                request.params as Record<string, string | undefined>,
              ),
            );
          }
        });
        await board.register(serverAdapter.registerPlugin());
      },
      { prefix: QUEUE_BOARD_PATH },
    );
  }
}
