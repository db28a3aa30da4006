import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser } from '../../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../../common/auth/roles';
import { ApiCursorPageResponse, CursorPage } from '../../../common/pagination/cursor';
import { CursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { ApiProblems } from '../../../common/swagger/api-problems.decorator';
import { AiProblems } from '../../ai/ai-quota.service';
import { ChatProblems, ChatService } from './chat.service';
import { ChatMessageDto, ChatReplyDto, SendChatMessageDto } from './dto/chat.dto';
import { SSE_EXAMPLE, writeChatStream } from './chat-sse';

const SEND_DESCRIPTION =
  'One turn of a multi-turn chat about your own training and journal. The coach looks the figures up ' +
  '(progress, workouts, journal, goals, body metrics) and quotes only those: a model answer that writes ' +
  'a number not among the facts is replaced by the local answer. Medical questions (diagnosis, pain, ' +
  'medication, red-flag symptoms) get a polite refusal. The context sent to the model stays within a ' +
  'token budget: old turns are folded into a rolling summary (`context` in the answer). ' +
  'With `Accept: text/event-stream` and a model provider that streams (AI_PROVIDER=openai), the answer ' +
  'streams as Server-Sent Events: `delta` events `{"text"}` (checked text, sentence by sentence), a ' +
  '`replace` event `{"text","reason"}` if the model’s answer was withdrawn (show its text instead of the ' +
  'deltas), then one `done` event whose data is the ChatReply below, or an `error` event with a problem. ' +
  'Otherwise (the local provider) the answer is JSON. Counts against the daily `chat` quota (429 with ' +
  'Retry-After). docs/ai-chat.md.';

@ApiTags('ai-coach')
@Authenticated()
@ApiProblems(429)
@Controller('ai/chat')
@ApiExtraModels(ChatReplyDto)
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Ask the chat coach', description: SEND_DESCRIPTION })
  @ApiHeader({
    name: 'Accept',
    required: false,
    description:
      '`text/event-stream` to stream the answer when the provider streams; JSON otherwise',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description:
      'The answer: JSON (ChatReply), or a `text/event-stream` of `delta`, `replace`, `done` and `error` events',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ChatReplyDto) } },
      'text/event-stream': {
        schema: {
          type: 'string',
          description:
            'Server-Sent Events. `event: delta` data `{"text": string}`; `event: replace` data `{"text": string, "reason": string}`; `event: done` data: a ChatReply; `event: error` data: a problem (application/problem+json body).',
        },
        example: SSE_EXAMPLE,
      },
    },
  })
  @ApiProblems(400, ChatProblems.turnInProgress, AiProblems.quotaExceeded)
  async send(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: SendChatMessageDto,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (this.chat.streams && /\btext\/event-stream\b/i.test(accept ?? '')) {
      // Quota, validation and the look-ups first: their errors are ordinary problem answers.
      const turn = await this.chat.prepareStream(caller.id, dto.message);
      await writeChatStream(reply, (emit) => this.chat.answerStream(turn, emit));
      return;
    }
    const answer = await this.chat.send(caller.id, dto.message);
    await reply.status(HttpStatus.OK).send(answer);
  }

  @Get('history')
  @ApiOperation({
    summary: 'Your chat messages, newest first',
    description:
      'Both sides of the conversation, including the turns folded into the summary. Pages with `cursor`. Only yours.',
  })
  @ApiCursorPageResponse(ChatMessageDto)
  @ApiProblems(400)
  history(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<ChatMessageDto>> {
    return this.chat.history(caller.id, query);
  }

  @Delete('history')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Forget the conversation',
    description: 'Deletes every message and the rolling summary; the next message starts afresh.',
  })
  @ApiNoContentResponse({ description: 'Deleted (also when there was nothing)' })
  async clear(@CurrentUser() caller: AuthenticatedUser): Promise<void> {
    await this.chat.clear(caller.id);
  }
}
