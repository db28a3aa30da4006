export interface MicroBatcherOptions<Input, Output> {
  /**
   * Runs one batch and answers one output per input, in the inputs' order. It must be all or
   * nothing (one SQL statement is): a failed batch of several is run again one input at a
   * time, so an input that makes it fail fails only its own caller.
   */
  run: (inputs: Input[]) => Promise<Output[]>;
  /** The most inputs one run takes; a batch that reaches it is sent at once. */
  maxBatch: number;
  /**
   * How long a batch stays open after its first input, in ms. 0 (the default): until the end
   * of the current turn of the event loop (`setImmediate`), i.e. the callers that the same
   * I/O callbacks woke up.
   */
  windowMs?: number;
}

interface Waiting<Input, Output> {
  input: Input;
  resolve: (output: Output) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent calls into one call of a batch function (as DataLoader does for
 * reads), each caller answered with its own output or its own error. On the worker, jobs
 * running at once each send the same statement shape (a claim, a completion, an insert);
 * one statement for all of them saves a round trip, a socket write and a parse per job.
 *
 * A batch runs in the async context of whichever caller's call sent it (the first one's turn
 * of the event loop, the one that filled it, or, for the one-by-one runs after a failure, the
 * failed batch's): what a caller's input needs from its own context (its request id for an
 * event's row) goes in the input. Outside transactions only: inside one, a failed statement
 * aborts the transaction and the one-by-one runs could not answer.
 */
export class MicroBatcher<Input, Output> {
  private open: Waiting<Input, Output>[] = [];
  /** Cancels the open batch's scheduled send (undefined when none is open). */
  private cancelScheduled: (() => void) | undefined;

  constructor(private readonly options: MicroBatcherOptions<Input, Output>) {
    if (!(options.maxBatch >= 1)) throw new Error('maxBatch must be at least 1');
  }

  /** Joins the open batch (opening one if none) and answers this input's output. */
  load(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.open.push({ input, resolve, reject });
      if (this.open.length >= this.options.maxBatch) this.flush();
      else if (this.cancelScheduled === undefined) {
        const windowMs = this.options.windowMs ?? 0;
        if (windowMs > 0) {
          const timer = setTimeout(() => this.flush(), windowMs);
          this.cancelScheduled = () => clearTimeout(timer);
        } else {
          const immediate = setImmediate(() => this.flush());
          this.cancelScheduled = () => clearImmediate(immediate);
        }
      }
    });
  }

  private flush(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    const batch = this.open;
    this.open = [];
    if (batch.length > 0) void this.send(batch);
  }

  private async send(batch: Waiting<Input, Output>[]): Promise<void> {
    let outputs: Output[];
    try {
      outputs = await this.options.run(batch.map((waiting) => waiting.input));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      // One input may have failed the whole statement: each again alone, its own answer.
      else for (const waiting of batch) void this.send([waiting]);
      return;
    }
    if (outputs.length !== batch.length) {
      // The batch ran (a write committed): running it again could do it twice.
      const error = new Error(`a batch of ${batch.length} was answered ${outputs.length} outputs`);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => waiting.resolve(outputs[i]));
  }
}
