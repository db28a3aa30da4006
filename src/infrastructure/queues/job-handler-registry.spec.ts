import { assertEveryJobHasOneHandler, FoundHandler } from './job-handler-registry';
import { ALL_JOB_NAMES, JobName, QUEUE_OF_JOB } from './job-registry';

/** One processor class per queue, named after it. */
const complete: FoundHandler[] = ALL_JOB_NAMES.map((job) => ({
  job,
  processor: `${QUEUE_OF_JOB[job]}Processor`,
}));

describe('assertEveryJobHasOneHandler', () => {
  it('accepts exactly one handler per job name, one processor class per queue', () => {
    expect(() => assertEveryJobHasOneHandler(complete)).not.toThrow();
  });

  it('refuses to start when a job has no processor', () => {
    expect(() =>
      assertEveryJobHasOneHandler(complete.filter((f) => f.job !== JobName.SendWelcomeEmail)),
    ).toThrow(`Worker cannot start: no processor for job(s): ${JobName.SendWelcomeEmail}`);
  });

  it('refuses to start when a job has two processors', () => {
    expect(() =>
      assertEveryJobHasOneHandler([
        ...complete,
        { job: JobName.SendWelcomeEmail, processor: 'emailsProcessor' },
      ]),
    ).toThrow(/more than one processor for job\(s\): send-welcome-email/);
  });

  it("refuses to start when a queue's handlers are spread over two classes", () => {
    const split = complete.map((f) =>
      f.job === JobName.SweepSummaries ? { ...f, processor: 'OtherProcessor' } : f,
    );
    expect(() => assertEveryJobHasOneHandler(split)).toThrow(
      /queue\(s\) summaries are spread over several processor classes/,
    );
  });
});
