import { MicroBatcher } from './micro-batcher';

/** A batch function that records its calls; an input 'bad' fails any batch holding it. */
function recordingRun() {
  const calls: string[][] = [];
  const run = async (inputs: string[]) => {
    calls.push(inputs);
    await Promise.resolve();
    if (inputs.includes('bad')) throw new Error(`failed: ${inputs.join(',')}`);
    return inputs.map((input) => input.toUpperCase());
  };
  return { calls, run };
}

describe('MicroBatcher', () => {
  it('sends the calls of one event-loop turn as one batch, in call order, each answered its own output', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher({ run, maxBatch: 10 });
    const answers = await Promise.all(['a', 'b', 'c'].map((input) => batcher.load(input)));
    expect(answers).toEqual(['A', 'B', 'C']);
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('a call made after the batch was sent opens the next one', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher({ run, maxBatch: 10 });
    const first = batcher.load('a');
    await new Promise((resolve) => setImmediate(resolve));
    const second = batcher.load('b');
    await expect(Promise.all([first, second])).resolves.toEqual(['A', 'B']);
    expect(calls).toEqual([['a'], ['b']]);
  });

  it('caps a batch at maxBatch: a full batch is sent at once, the rest in the next', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher({ run, maxBatch: 2 });
    const answers = Promise.all(['a', 'b', 'c', 'd', 'e'].map((input) => batcher.load(input)));
    // The full batches left synchronously, before the turn ended.
    expect(calls).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    await expect(answers).resolves.toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('a failed batch is run again one input at a time: only the failing input fails, with its own error', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher({ run, maxBatch: 10 });
    const answers = await Promise.allSettled(['a', 'bad', 'c'].map((input) => batcher.load(input)));
    expect(answers).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('failed: bad') },
      { status: 'fulfilled', value: 'C' },
    ]);
    expect(calls).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('a lone call that fails gets the error once, with no retry', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher({ run, maxBatch: 10 });
    await expect(batcher.load('bad')).rejects.toThrow('failed: bad');
    expect(calls).toEqual([['bad']]);
  });

  it('a batch function answering the wrong number of outputs fails its callers, not silently, and is not run again', async () => {
    const calls: string[][] = [];
    const batcher = new MicroBatcher<string, string>({
      run: async (inputs) => {
        calls.push(inputs);
        return inputs.slice(1);
      },
      maxBatch: 10,
    });
    const answers = await Promise.allSettled([batcher.load('a'), batcher.load('b')]);
    expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected']);
    expect((answers[0] as PromiseRejectedResult).reason).toEqual(
      new Error('a batch of 2 was answered 1 outputs'),
    );
    // It ran (a write would have committed): once only.
    expect(calls).toEqual([['a', 'b']]);
  });

  it('with a window, calls made within it join the batch across turns of the event loop', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher({ run, maxBatch: 10, windowMs: 20 });
    const first = batcher.load('a');
    await new Promise((resolve) => setImmediate(resolve));
    const second = batcher.load('b');
    await expect(Promise.all([first, second])).resolves.toEqual(['A', 'B']);
    expect(calls).toEqual([['a', 'b']]);
  });

  it('a batch filled before its window ends is sent at once, and the next window starts afresh', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher({ run, maxBatch: 2, windowMs: 60_000 });
    await expect(Promise.all([batcher.load('a'), batcher.load('b')])).resolves.toEqual(['A', 'B']);
    expect(calls).toEqual([['a', 'b']]);
  });
});
