import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiPath } from '../../common/http/api-path';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { ALL_QUEUE_NAMES } from '../../infrastructure/queues/job-registry';
import { BOARD_COOKIE, QueueBoardAccess } from './queue-board-access.service';

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
          if (request.routeOptions.url === `${QUEUE_BOARD_PATH}/login`) return;
          if (!(await access.allows(cookieOf(request, BOARD_COOKIE)))) {
            return refuse(
              reply,
              401,
              'Open the queue dashboard through POST /api/v1/admin/queues/board-session (admins).',
            );
          }
        });
        await board.register(serverAdapter.registerPlugin());
      },
      { prefix: QUEUE_BOARD_PATH },
    );
  }
}
