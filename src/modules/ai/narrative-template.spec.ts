import { parseModelAnswer } from './dto/model-answer.dto';
import { fillPlaceholders, placeholderValues, TemplateError } from './narrative-template';
import { weekStatistics } from './testing/statistics.fixture';

describe('narrative placeholders', () => {
  const values = placeholderValues(weekStatistics(), {
    sentimentScore: 0.16,
    sentimentLabel: 'positive',
    keyPhrases: ['work deadline', '5k run'],
  });

  it('offers the statistics formatted with one decimal, counts and readable dates', () => {
    expect(values).toMatchObject({
      entryCount: '9',
      daysInPeriod: '7',
      firstDay: 'Monday 2 November',
      lastDay: 'Sunday 8 November',
      'mood.average': '6.4',
      'mood.trendPerWeek': '+0.8',
      'mood.volatility': '1.3',
      'bestDay.date': 'Saturday 7 November',
      'bestDay.averageMood': '8.5',
      'higherMoodTag.name': 'running',
      'higherMoodTag.difference': '+1.2',
      'lowerMoodTag.difference': '-1.3',
      'lowerMoodTag.entriesWith': '3',
      longestStreakDays: '4',
      'notes.keyPhrase2': '5k run',
    });
    // Absent statistics are not offered.
    expect(values).not.toHaveProperty('higherMoodType.name');
  });

  it('substitutes placeholders (whitespace inside the braces allowed)', () => {
    expect(
      fillPlaceholders(
        'Your mood averaged {{mood.average}} and peaked on {{ bestDay.date }} ({{bestDay.averageMood}}); ' +
          'you mentioned “{{notes.keyPhrase2}}”.',
        values,
      ),
    ).toBe(
      'Your mood averaged 6.4 and peaked on Saturday 7 November (8.5); you mentioned “5k run”.',
    );
  });

  it('rejects digits written outside placeholders', () => {
    expect(() => fillPlaceholders('You logged 9 entries.', values)).toThrow(
      new TemplateError('digits outside placeholders'),
    );
    expect(() => fillPlaceholders('Mood {{mood.average}} out of 10.', values)).toThrow(
      TemplateError,
    );
    // Other scripts' digits too (Arabic-Indic nine).
    expect(() => fillPlaceholders('You logged \u0669 entries.', values)).toThrow(TemplateError);
  });

  it('rejects unknown placeholders and stray braces', () => {
    expect(() => fillPlaceholders('Average {{mood.median}}.', values)).toThrow(
      'unknown placeholder(s): mood.median',
    );
    expect(() => fillPlaceholders('Average {{ mood.average }.', values)).toThrow(
      'malformed placeholder',
    );
    expect(() => fillPlaceholders('Average {{toString}}.', values)).toThrow('unknown placeholder');
  });
});

describe('parseModelAnswer', () => {
  it('accepts the expected JSON object, in a code fence too, and drops unknown keys', () => {
    const answer = parseModelAnswer(
      '```json\n{"narrative":"A calm week.","highlights":["Steady mood"],"extra":1}\n```',
    );
    expect(answer).toEqual({ narrative: 'A calm week.', highlights: ['Steady mood'] });
  });

  it.each([
    ['not JSON', 'Sure! Here is your summary', 'not JSON'],
    ['an array', '["a"]', 'not a JSON object'],
    ['a number narrative', '{"narrative":5,"highlights":[]}', 'narrative'],
    [
      'six highlights',
      JSON.stringify({ narrative: 'x', highlights: ['a', 'b', 'c', 'd', 'e', 'f'] }),
      'highlights',
    ],
    ['missing highlights', '{"narrative":"x"}', 'highlights'],
    ['an empty narrative', '{"narrative":"","highlights":[]}', 'narrative'],
  ])('rejects %s', (_, content, message) => {
    expect(() => parseModelAnswer(content)).toThrow(message);
  });
});
