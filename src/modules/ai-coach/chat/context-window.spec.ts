import { CHAT_LIMITS, ContextTurn, fitWindow, trimSummary } from './context-window';
import { countTokens } from './token-counter';

function turn(i: number, role: 'user' | 'assistant', content: string): ContextTurn {
  return {
    id: `${role}-${i}`,
    role,
    content,
    tokens: countTokens(content),
    intent: role === 'assistant' ? 'streaks' : null,
  };
}

describe('fitWindow', () => {
  it('keeps every turn while the context fits', () => {
    const recent = [
      turn(1, 'user', 'What is my streak?'),
      turn(1, 'assistant', 'Your streak is 3 weeks.'),
    ];
    const result = fitWindow({
      summary: '',
      recent,
      fixedTokens: 300,
      incomingTokens: 10,
      budget: 2_500,
      summaryBudget: 300,
      count: countTokens,
    });
    expect(result.folded).toEqual([]);
    expect(result.recent).toHaveLength(2);
    expect(result.summary).toBe('');
    expect(result.total).toBeLessThanOrEqual(2_500);
  });

  it('folds the oldest turns, question and answer together, into the summary until it fits', () => {
    const recent: ContextTurn[] = [];
    for (let i = 0; i < 40; i += 1) {
      recent.push(
        turn(i, 'user', `Question number ${i}: ${'how is my training going '.repeat(4)}`),
      );
      recent.push(turn(i, 'assistant', `Answer ${i}: ${'you trained well this week. '.repeat(6)}`));
    }
    const result = fitWindow({
      summary: '',
      recent,
      fixedTokens: 400,
      incomingTokens: 20,
      budget: 1_500,
      summaryBudget: 200,
      count: countTokens,
    });
    expect(result.total).toBeLessThanOrEqual(1_500);
    expect(result.folded.length % 2).toBe(0);
    expect(result.folded[0].id).toBe('user-0');
    expect(result.folded[1].id).toBe('assistant-0');
    expect(result.recent[0].role).toBe('user');
    expect(result.summaryTokens).toBeLessThanOrEqual(200);
    expect(result.summary).toContain('answered: streaks');
    // The newest folded turn is in the summary; the oldest lines went once it was full.
    const lastFolded = result.folded[result.folded.length - 2].content.slice(0, 20);
    expect(result.summary).toContain(lastFolded);
    expect(result.summary).not.toContain('Question number 0:');
  });

  it('stays within the worst case: largest facts, full summary, longest message, no turns left', () => {
    const result = fitWindow({
      summary: '- asked "x"\n'.repeat(500),
      recent: [],
      fixedTokens: 300 + CHAT_LIMITS.factsBudgetTokens,
      incomingTokens: CHAT_LIMITS.messageMaxTokens,
      budget: CHAT_LIMITS.contextBudgetTokens,
      summaryBudget: CHAT_LIMITS.summaryBudgetTokens,
      count: countTokens,
    });
    expect(result.summaryTokens).toBeLessThanOrEqual(CHAT_LIMITS.summaryBudgetTokens);
    expect(result.total).toBeLessThanOrEqual(CHAT_LIMITS.contextBudgetTokens);
  });
});

describe('trimSummary', () => {
  it('drops the oldest lines first', () => {
    const { summary } = trimSummary('- one\n- two\n- three', 4, countTokens);
    expect(summary).toBe('- three');
  });
});
