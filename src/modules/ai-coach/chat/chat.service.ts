import { HttpStatus, Injectable } from '@nestjs/common';
import { ValidationProblem } from '../../../common/errors/domain-errors';
import { ProblemType } from '../../../common/errors/problem-type';
import { CursorPage, toCursorPage } from '../../../common/pagination/cursor';
import { CursorQueryDto, keysetOf } from '../../../common/pagination/cursor-query.dto';
import { AiQuotaService } from '../../ai/ai-quota.service';
import { AiService, AiStreamEvent } from '../../ai/ai.service';
import { ChatFactsService } from './chat-facts.service';
import { ChatFacts, localAnswer, TrainedExercise } from './chat-facts';
import { ChatIntent, detectIntent, intentByRules, matchExercise } from './chat-intents';
import { chatMessages, factsBlock, systemPromptTokens } from './chat-prompt';
import { ChatRepository } from './chat.repository';
import { CHAT_LIMITS, ContextTurn, fitWindow } from './context-window';
import { ChatMessageDto, ChatReplyDto } from './dto/chat.dto';
import { ChatMessage } from './entities/chat-message.entity';
import { medicalRulesHit } from './medical-rules';
import { assertGrounded, factNumbers, numbersIn } from './number-check';
import { countTokens } from './token-counter';

/** The local provider's version, in the usage ledger. */
export const CHAT_LOCAL_MODEL = 'fitai-chat-rules-1';

/** Tokens of "Summary of earlier turns:" around the summary (chatMessages). */
const SUMMARY_PREFIX_TOKENS = 8;

export const ChatProblems = {
  turnInProgress: new ProblemType({
    slug: 'chat-turn-in-progress',
    status: HttpStatus.CONFLICT,
    title: 'Another message is being answered',
    description:
      'A chat message sent while another of yours was being answered (each turn builds on the previous one)',
    exampleDetail: 'Your previous message was still being answered. Send this one again.',
  }),
} as const;

/** One turn being answered: everything decided before the answer is written. */
export interface PreparedTurn {
  userId: string;
  message: string;
  intent: ChatIntent;
  facts: ChatFacts;
  local: string;
  allowed: number[];
  prompt: ReturnType<typeof chatMessages>;
  window: ReturnType<typeof fitWindow>;
  contextTokens: number;
  lastMessageAt: Date | null;
}

/**
 * The chat coach (docs/ai-chat.md): multi-turn answers about the user's own training and
 * journal. Each turn: the quota, the medical rules, the intent, the facts looked up through the
 * other modules, the context fitted to its token budget (old turns folded into the rolling
 * summary), then the answer: the local provider's, or the model's when it quotes only facts.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly chat: ChatRepository,
    private readonly facts: ChatFactsService,
    private readonly ai: AiService,
    private readonly quota: AiQuotaService,
  ) {}

  /** True when a reply can stream (a remote model that streams is configured). */
  get streams(): boolean {
    return this.ai.remoteConfigured;
  }

  /** Answers one message (JSON). */
  async send(userId: string, message: string): Promise<ChatReplyDto> {
    const turn = await this.prepare(userId, message);
    const answer = await this.ai.run({
      userId,
      feature: 'chat',
      localModel: CHAT_LOCAL_MODEL,
      local: () => turn.local,
      remote:
        turn.intent === ChatIntent.MedicalRefusal
          ? undefined
          : () => ({
              messages: turn.prompt,
              responseFormat: { type: 'text' },
              attempts: 1,
              parse: (content: string) => {
                const text = content.trim();
                if (!text) throw new Error('the answer is empty');
                assertGrounded(text, turn.allowed);
                return text;
              },
            }),
    });
    return this.store(turn, answer.value, answer);
  }

  /**
   * Answers one message as a stream: `emit` gets the checked deltas (or a replacement) while
   * the model writes; resolves with the stored reply. Quota and validation happen before the
   * first event, so their errors are ordinary problem answers.
   */
  async prepareStream(userId: string, message: string): Promise<PreparedTurn> {
    return this.prepare(userId, message);
  }

  async answerStream(
    turn: PreparedTurn,
    emit: (event: AiStreamEvent) => void,
  ): Promise<ChatReplyDto> {
    const task = {
      userId: turn.userId,
      feature: 'chat' as const,
      localModel: CHAT_LOCAL_MODEL,
      local: () => turn.local,
      messages: turn.prompt,
      check: (text: string) => assertGrounded(text, turn.allowed),
    };
    const answer =
      turn.intent === ChatIntent.MedicalRefusal
        ? await this.ai.run(task).then((a) => {
            emit({ type: 'delta', text: a.value });
            return a;
          })
        : await this.ai.stream(task, emit);
    return this.store(turn, answer.value, answer);
  }

  async history(userId: string, query: CursorQueryDto): Promise<CursorPage<ChatMessageDto>> {
    const rows = await this.chat.findPage(userId, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (row) => ({ at: row.createdAt, id: row.id }),
      ChatMessageDto.from,
    );
  }

  async clear(userId: string): Promise<void> {
    await this.chat.deleteAll(userId);
  }

  private async prepare(userId: string, raw: string): Promise<PreparedTurn> {
    const message = raw.trim();
    const incomingTokens = countTokens(message);
    if (!message || incomingTokens > CHAT_LIMITS.messageMaxTokens) {
      throw new ValidationProblem([
        {
          field: 'message',
          messages: [
            message
              ? `message must be at most ${CHAT_LIMITS.messageMaxTokens} tokens (it has ${incomingTokens})`
              : 'message must not be blank',
          ],
        },
      ]);
    }
    await this.quota.consume(userId, 'chat');
    const conversation = await this.chat.findConversation(userId);
    const recent: ContextTurn[] = (
      await this.chat.transaction((m) => this.chat.unfolded(m, userId))
    ).map((row) => ({
      id: row.id,
      role: row.role,
      content: row.content,
      tokens: row.tokens,
      intent: row.intent,
    }));

    const medical = medicalRulesHit(message);
    let facts: ChatFacts;
    let intent: ChatIntent;
    if (medical.length > 0) {
      intent = ChatIntent.MedicalRefusal;
      facts = { intent, data: null };
    } else {
      // The trained lifts come from a three-year strength summary: read only when the turn
      // needs them (a lift question, or a message no rule names that may name a lift).
      let read: Promise<TrainedExercise[]> | undefined;
      const trained = () => (read ??= this.facts.trainedExercises(userId));
      intent =
        intentByRules(message) ??
        detectIntent(message, {
          mentionsLift: matchExercise(message, await trained()) !== null,
          previous: conversation?.lastIntent ?? null,
        });
      facts = await this.facts.gather(userId, intent, message, trained);
    }
    const local = localAnswer(facts, medical);

    const block = factsBlock(facts, CHAT_LIMITS.factsBudgetTokens);
    const window = fitWindow({
      summary: conversation?.summary ?? '',
      recent,
      fixedTokens: systemPromptTokens() + block.tokens + SUMMARY_PREFIX_TOKENS,
      incomingTokens,
      budget: CHAT_LIMITS.contextBudgetTokens,
      summaryBudget: CHAT_LIMITS.summaryBudgetTokens,
      count: countTokens,
    });
    return {
      userId,
      message,
      intent,
      facts,
      local,
      // The facts, and what the user wrote themselves ("in 3 weeks"), may be quoted.
      allowed: [...factNumbers(facts), ...numbersIn(message)],
      prompt: chatMessages(block.text, window.summary, window.recent, message),
      window,
      contextTokens: window.total,
      lastMessageAt: conversation?.lastMessageAt ?? null,
    };
  }

  /**
   * Writes the turn: the folded messages marked, the summary, the two messages. The
   * conversation row is locked and must not have moved since the turn was prepared (409).
   */
  private async store(
    turn: PreparedTurn,
    answer: string,
    provenance: { provider: 'local' | 'openai'; model: string; fellBack: boolean },
  ): Promise<ChatReplyDto> {
    const [question, reply] = await this.chat.transaction(async (manager) => {
      const conversation = await this.chat.lockConversation(manager, turn.userId);
      if (
        (conversation.lastMessageAt?.getTime() ?? null) !== (turn.lastMessageAt?.getTime() ?? null)
      ) {
        throw ChatProblems.turnInProgress.exception(
          'Your previous message was still being answered. Send this one again.',
        );
      }
      await this.chat.markFolded(
        manager,
        turn.userId,
        turn.window.folded.map((m) => m.id),
      );
      const askedAt = new Date(
        Math.max(Date.now(), (conversation.lastMessageAt?.getTime() ?? 0) + 1),
      );
      const answeredAt = new Date(askedAt.getTime() + 1);
      const rows = await this.chat.insertMessages(manager, [
        {
          userId: turn.userId,
          role: 'user',
          content: turn.message,
          tokens: countTokens(turn.message),
          intent: null,
          provider: null,
          model: null,
          fellBack: false,
          contextTokens: null,
          createdAt: askedAt,
        },
        {
          userId: turn.userId,
          role: 'assistant',
          content: answer,
          tokens: countTokens(answer),
          intent: turn.intent,
          provider: provenance.provider,
          model: provenance.model,
          fellBack: provenance.fellBack,
          contextTokens: turn.contextTokens,
          createdAt: answeredAt,
        },
      ]);
      conversation.summary = turn.window.summary;
      conversation.summaryTokens = turn.window.summaryTokens;
      conversation.foldedMessages += turn.window.folded.length;
      conversation.lastIntent = turn.intent;
      conversation.contextTokens = turn.contextTokens;
      conversation.lastMessageAt = answeredAt;
      await this.chat.saveConversation(manager, conversation);
      return rows as [ChatMessage, ChatMessage];
    });
    return {
      message: ChatMessageDto.from(question),
      reply: ChatMessageDto.from(reply),
      facts: turn.facts.data,
      context: {
        tokens: turn.contextTokens,
        budget: CHAT_LIMITS.contextBudgetTokens,
        summaryTokens: turn.window.summaryTokens,
        recentMessages: turn.window.recent.length,
        foldedNow: turn.window.folded.length,
      },
    };
  }
}
