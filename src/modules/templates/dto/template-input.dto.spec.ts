import { ArgumentMetadata } from '@nestjs/common';
import { ValidationProblem } from '../../../common/errors/domain-errors';
import { createValidationPipe } from '../../../common/errors/validation';
import { CreateTemplateDto } from './template-input.dto';

const EXERCISE_ID = '6f1f5f2e-9d55-4a0b-9a63-0d4c1e2f3a4b';

const validSet = () => ({ repsMin: 8, repsMax: 12, weightKg: 60, rpeTarget: 8 });

/** A request body, loose enough to be made invalid on purpose. */
interface Loose {
  [field: string]: unknown;
}
interface Body extends Loose {
  days: (Loose & { exercises: (Loose & { sets: Loose[] })[] })[];
}

function body(patch: (template: Body) => void = () => {}): Body {
  const template: Body = {
    name: 'Upper Lower',
    goal: 'hypertrophy',
    level: 'beginner',
    days: [
      { name: 'Upper', exercises: [{ exerciseId: EXERCISE_ID, sets: [validSet(), validSet()] }] },
    ],
  };
  patch(template);
  return template;
}

const pipe = createValidationPipe();
const metadata: ArgumentMetadata = { type: 'body', metatype: CreateTemplateDto };

/** The field errors the API would answer for `input`, or the validated DTO. */
async function validate(input: object): Promise<{ field: string; messages: string[] }[]> {
  try {
    await pipe.transform(input, metadata);
    return [];
  } catch (error) {
    if (error instanceof ValidationProblem) return error.fieldErrors;
    throw error;
  }
}

const fields = async (input: object) => (await validate(input)).map((e) => e.field);

describe('CreateTemplateDto validation', () => {
  it('accepts a valid template and fills in the defaults', async () => {
    const dto = (await pipe.transform(body(), metadata)) as CreateTemplateDto;
    expect(dto.visibility).toBe('private');
    expect(dto.days[0].exercises[0].sets[0]).toMatchObject({ type: 'normal', restSeconds: 90 });
  });

  it('names the nested path of a rep range upside down', async () => {
    const errors = await validate(
      body((t) => (t.days[0].exercises[0].sets[1] = { repsMin: 10, repsMax: 6 })),
    );
    expect(errors).toEqual([
      {
        field: 'days.0.exercises.0.sets.1.repsMax',
        messages: ['repsMax must not be less than repsMin'],
      },
    ]);
  });

  it('allows one load (weight or %e1RM) and one effort target (RPE or RIR) per set', async () => {
    expect(
      await fields(
        body((t) =>
          Object.assign(t.days[0].exercises[0].sets[0], { percentE1rm: 75, rirTarget: 2 }),
        ),
      ),
    ).toEqual(['days.0.exercises.0.sets.0.percentE1rm', 'days.0.exercises.0.sets.0.rirTarget']);
    // null means "not set", so it does not conflict.
    expect(
      await fields(
        body((t) =>
          Object.assign(t.days[0].exercises[0].sets[0], { weightKg: null, percentE1rm: 75 }),
        ),
      ),
    ).toEqual([]);
  });

  it('takes a load in your unit (weight) or in kilograms (weightKg), one of the loads', async () => {
    const set = (load: object) =>
      fields(body((t) => (t.days[0].exercises[0].sets[0] = { repsMin: 5, ...load })));
    expect(await set({ weight: 135 })).toEqual([]);
    expect(await set({ weight: 135, weightKg: 60 })).toEqual(['days.0.exercises.0.sets.0.weight']);
    expect(await set({ weight: 135, percentE1rm: 70 })).toEqual([
      'days.0.exercises.0.sets.0.percentE1rm',
    ]);
    expect(await set({ weight: -5 })).toEqual(['days.0.exercises.0.sets.0.weight']);
    expect(await set({ weight: 100.125 })).toEqual(['days.0.exercises.0.sets.0.weight']);
  });

  it('rejects absurd numbers', async () => {
    const errors = await fields(
      body((t) => {
        t.days[0].exercises[0].sets[0] = {
          repsMin: 0,
          repsMax: 101,
          weightKg: 1000.5,
          rpeTarget: 7.3,
          restSeconds: 3600,
        };
        t.days[0].exercises[0].sets[1] = { repsMin: 5, percentE1rm: 120, rirTarget: 11 };
      }),
    );
    expect(errors).toEqual([
      'days.0.exercises.0.sets.0.repsMin',
      'days.0.exercises.0.sets.0.repsMax',
      'days.0.exercises.0.sets.0.weightKg',
      'days.0.exercises.0.sets.0.rpeTarget',
      'days.0.exercises.0.sets.0.restSeconds',
      'days.0.exercises.0.sets.1.percentE1rm',
      'days.0.exercises.0.sets.1.rirTarget',
    ]);
  });

  it('rejects empty structures and too many days, exercises or sets', async () => {
    expect(await fields(body((t) => (t.days = [])))).toEqual(['days']);
    expect(await fields(body((t) => (t.days[0].exercises = [])))).toEqual(['days.0.exercises']);
    expect(await fields(body((t) => (t.days[0].exercises[0].sets = [])))).toEqual([
      'days.0.exercises.0.sets',
    ]);
    // An array where an object belongs is not an empty item: class-validator alone took it so.
    expect(await fields(body((t) => (t.days = [[]] as never)))).toEqual(['days']);
    expect(await fields(body((t) => (t.days[0].exercises[0].sets = [[]] as never)))).toEqual([
      'days.0.exercises.0.sets',
    ]);
    const day = body().days[0];
    expect(await fields(body((t) => (t.days = Array(11).fill(day))))).toEqual(['days']);
    expect(
      await fields(body((t) => (t.days[0].exercises[0].sets = Array(21).fill(validSet())))),
    ).toEqual(['days.0.exercises.0.sets']);
  });

  it('rejects unknown fields and nulls where a default applies', async () => {
    expect(
      await fields(
        body((t) =>
          Object.assign(t.days[0].exercises[0].sets[0], { colour: 'red', restSeconds: null }),
        ),
      ),
    ).toEqual(['days.0.exercises.0.sets.0.colour', 'days.0.exercises.0.sets.0.restSeconds']);
  });

  describe('progression rules', () => {
    const withRule = (progression: unknown) =>
      body((t) => (t.days[0].exercises[0].progression = progression));

    it('accepts the documented rules, or none', async () => {
      const dto = (await pipe.transform(
        withRule({ type: 'linear_load', incrementKg: 2.5, when: 'all_sets_top_of_range' }),
        metadata,
      )) as CreateTemplateDto;
      expect(dto.days[0].exercises[0].progression).toEqual({
        type: 'linear_load',
        incrementKg: 2.5,
        when: 'all_sets_top_of_range',
      });
      expect(await fields(withRule({ type: 'none' }))).toEqual([]);
      expect(await fields(withRule(null))).toEqual([]);
    });

    it("validates a rule's own fields", async () => {
      const errors = await validate(withRule({ type: 'linear_load', incrementKg: 2.6 }));
      expect(errors).toEqual([
        {
          field: 'days.0.exercises.0.progression.incrementKg',
          messages: ['incrementKg must be a multiple of 0.25'],
        },
        {
          field: 'days.0.exercises.0.progression.when',
          messages: [expect.stringContaining('when must be one of the following values')],
        },
      ]);
    });

    it('takes the increment in kilograms or in your unit, exactly one of them', async () => {
      const rule = (fieldsOfRule: object) =>
        fields(withRule({ type: 'linear_load', when: 'all_sets_completed', ...fieldsOfRule }));
      expect(await rule({ increment: 5 })).toEqual([]);
      expect(await rule({ increment: 5, incrementKg: 2.5 })).toEqual([
        'days.0.exercises.0.progression.increment',
      ]);
      expect(await rule({})).toEqual(['days.0.exercises.0.progression.incrementKg']);
      expect(await rule({ increment: 2.6 })).toEqual(['days.0.exercises.0.progression.increment']);
    });

    it('rejects unknown rule types, fields of other rules and non-objects', async () => {
      expect(await fields(withRule({ type: 'exponential' }))).toEqual([
        'days.0.exercises.0.progression.type',
      ]);
      expect(await fields(withRule({ type: 'none', incrementKg: 2.5 }))).toEqual([
        'days.0.exercises.0.progression.incrementKg',
      ]);
      expect(await fields(withRule('linear'))).toEqual(['days.0.exercises.0.progression']);
    });
  });
});
