import { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProblemException } from '../../../common/errors/domain-errors';
import { PROBLEM_TYPE_BASE } from '../../../common/errors/problem-details';
import { RequestContext } from '../../../common/http/request-context';
import type { AiStreamEvent } from '../../ai/ai.service';
import type { ChatReplyDto } from './dto/chat.dto';

const logger = new Logger('ChatStream');

/** One Server-Sent Event: its name and its JSON data on one `data:` line. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The documented example of a streamed answer (docs/ai-chat.md, "Streaming"). */
export const SSE_EXAMPLE = [
  sseEvent('delta', { text: 'Your best Barbell Squat is an estimated 1RM of 140 kg. ' }),
  sseEvent('delta', { text: 'You lifted 120 kg × 5 on 2026-11-20.' }),
  'event: done\ndata: {"message":{…},"reply":{…},"facts":{…},"context":{…}}\n\n',
].join('');

/**
 * Streams one chat answer: the headers the reply already carries (request id, security
 * headers) plus the event-stream ones, then `delta`/`replace` events as `run` emits them, then
 * `done` with the stored reply, or `error` with a problem if storing failed.
 */
export async function writeChatStream(
  reply: FastifyReply,
  run: (emit: (event: AiStreamEvent) => void) => Promise<ChatReplyDto>,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) raw.setHeader(name, value as string | number | string[]);
  }
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  const write = (text: string) => {
    if (!raw.destroyed) raw.write(text);
  };
  try {
    const answer = await run((event) =>
      write(
        event.type === 'delta'
          ? sseEvent('delta', { text: event.text })
          : sseEvent('replace', { text: event.text, reason: event.reason }),
      ),
    );
    write(sseEvent('done', answer));
  } catch (error) {
    const requestId = RequestContext.requestId();
    if (error instanceof ProblemException) {
      write(
        sseEvent('error', {
          type: PROBLEM_TYPE_BASE + error.problemType,
          title: error.title,
          status: error.getStatus(),
          detail: (error.getResponse() as { detail?: string }).detail,
          requestId,
        }),
      );
    } else {
      logger.error({ err: error, requestId }, 'chat stream failed');
      write(
        sseEvent('error', {
          type: `${PROBLEM_TYPE_BASE}internal-error`,
          title: 'Internal Server Error',
          status: 500,
          detail: 'An unexpected error occurred. Quote the request id when reporting it.',
          requestId,
        }),
      );
    }
  } finally {
    raw.end();
  }
}
