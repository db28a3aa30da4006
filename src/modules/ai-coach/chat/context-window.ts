import { MESSAGE_OVERHEAD_TOKENS } from './token-counter';

/** The bounds of the context one turn is answered with (docs/ai-chat.md, "Token budget"). */
export const CHAT_LIMITS = {
  /** The whole context: system prompt + facts + summary + recent turns + the new message. */
  contextBudgetTokens: 2_500,
  /** The rolling summary; its oldest lines are dropped beyond this. */
  summaryBudgetTokens: 300,
  /** The facts block; facts are dropped from its end beyond this. */
  factsBudgetTokens: 500,
  /** A message, in characters (checked by the DTO) … */
  messageMaxChars: 1_000,
  /** … and in tokens (checked by the service: 1,000 CJK characters are 2,000 tokens). */
  messageMaxTokens: 500,
} as const;

export interface ContextTurn {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  tokens: number;
  intent: string | null;
}

export interface WindowInput {
  summary: string;
  /** Unfolded messages, oldest first. */
  recent: ContextTurn[];
  /** Tokens of the system prompt and the facts block. */
  fixedTokens: number;
  /** Tokens of the new user message. */
  incomingTokens: number;
  budget: number;
  summaryBudget: number;
  count: (text: string) => number;
}

export interface WindowResult {
  summary: string;
  summaryTokens: number;
  /** Messages to mark folded, oldest first. */
  folded: ContextTurn[];
  recent: ContextTurn[];
  /** Tokens of the context: fixed + summary + recent + incoming, with per-message overhead. */
  total: number;
}

/** One summary line for a folded user message and the answer that followed it. */
export function summaryLine(question: ContextTurn, answer: ContextTurn | undefined): string {
  const asked = question.content.replace(/\s+/g, ' ').trim().slice(0, 90);
  const topic = answer?.intent ? answer.intent.replace(/_/g, ' ') : 'no answer';
  return `- asked "${asked}" (answered: ${topic})`;
}

/** Drops the oldest lines until the summary fits its budget. */
export function trimSummary(
  summary: string,
  budget: number,
  count: (text: string) => number,
): { summary: string; tokens: number } {
  const lines = summary.split('\n').filter(Boolean);
  let text = lines.join('\n');
  let tokens = text ? count(text) : 0;
  while (tokens > budget && lines.length > 0) {
    lines.shift();
    text = lines.join('\n');
    tokens = text ? count(text) : 0;
  }
  return { summary: text, tokens };
}

function totalOf(input: WindowInput, summaryTokens: number, recent: ContextTurn[]): number {
  const messages = recent.length + 2 + (summaryTokens > 0 ? 1 : 0);
  return (
    input.fixedTokens +
    summaryTokens +
    input.incomingTokens +
    recent.reduce((sum, turn) => sum + turn.tokens, 0) +
    messages * MESSAGE_OVERHEAD_TOKENS
  );
}

/**
 * Keeps the context within the budget: while it is over, the oldest turn (a user message and
 * the answer after it) is folded into the rolling summary, whose oldest lines are dropped past
 * its own budget. Folding stops when the context fits or no turn is left (the fixed parts and
 * the limits on the message keep that case within budget, CHAT_LIMITS).
 */
export function fitWindow(input: WindowInput): WindowResult {
  let recent = [...input.recent];
  let { summary, tokens: summaryTokens } = trimSummary(
    input.summary,
    input.summaryBudget,
    input.count,
  );
  const folded: ContextTurn[] = [];
  while (totalOf(input, summaryTokens, recent) > input.budget && recent.length > 0) {
    const first = recent[0];
    const take = first.role === 'user' && recent[1]?.role === 'assistant' ? 2 : 1;
    const turn = recent.slice(0, take);
    recent = recent.slice(take);
    folded.push(...turn);
    const line =
      turn[0].role === 'user'
        ? summaryLine(turn[0], turn[1])
        : `- answered: ${turn[0].intent ?? 'a question'}`;
    ({ summary, tokens: summaryTokens } = trimSummary(
      summary ? `${summary}\n${line}` : line,
      input.summaryBudget,
      input.count,
    ));
  }
  return { summary, summaryTokens, folded, recent, total: totalOf(input, summaryTokens, recent) };
}
