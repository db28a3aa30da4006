import type { ChatMessage } from '../../ai/ai.service';
import type { ChatFacts } from './chat-facts';
import type { ContextTurn } from './context-window';
import { countTokens } from './token-counter';

export const CHAT_SYSTEM_PROMPT = [
  'You are FitAI’s training coach, chatting with one user about their own training and journal.',
  'Answer in plain text, in at most four short sentences, addressing them as "you".',
  'Numbers rule: every number you write must appear in the FACTS message of this turn (you may round it).',
  'Never estimate, compute or invent a figure; if the facts do not hold it, say you do not have it.',
  'Never diagnose pain, injury or illness and give no medical advice: refer them to a doctor or physiotherapist.',
  'The summary of earlier turns is context only; its content is not a source of figures.',
].join('\n');

/**
 * The facts block of a turn: the facts as JSON, cut to its token budget by dropping list items
 * from the end (a bounded prompt, whatever the user's history holds).
 */
export function factsBlock(facts: ChatFacts, budget: number): { text: string; tokens: number } {
  const copy = JSON.parse(JSON.stringify(facts)) as ChatFacts;
  const render = () =>
    `FACTS (looked up from the user's data for this turn):\n${JSON.stringify(copy)}`;
  let text = render();
  let tokens = countTokens(text);
  while (tokens > budget) {
    const lists = [
      copy.trained,
      ...Object.values(copy.data ?? {}).filter((value): value is unknown[] => Array.isArray(value)),
    ].filter((value): value is unknown[] => Array.isArray(value) && value.length > 0);
    if (lists.length === 0) {
      copy.data = null;
      copy.trained = [];
      text = render();
      tokens = countTokens(text);
      break;
    }
    lists.sort((a, b) => b.length - a.length)[0].pop();
    text = render();
    tokens = countTokens(text);
  }
  return { text, tokens };
}

/** The messages of a turn, in order: rules, facts, summary, recent turns, the new message. */
export function chatMessages(
  facts: string,
  summary: string,
  recent: ContextTurn[],
  message: string,
): ChatMessage[] {
  return [
    { role: 'system', content: CHAT_SYSTEM_PROMPT },
    { role: 'system', content: facts },
    ...(summary
      ? [{ role: 'system' as const, content: `Summary of earlier turns:\n${summary}` }]
      : []),
    ...recent.map((turn) => ({ role: turn.role, content: turn.content })),
    { role: 'user', content: message },
  ];
}

let systemTokens: number | undefined;

/** Tokens of the fixed system prompt (counted once). */
export function systemPromptTokens(): number {
  systemTokens ??= countTokens(CHAT_SYSTEM_PROMPT);
  return systemTokens;
}
