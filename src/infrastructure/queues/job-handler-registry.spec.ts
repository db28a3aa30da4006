import { assertEveryJobHasOneHandler } from './job-handler-registry';
import { ALL_JOB_NAMES, JobName } from './job-registry';

describe('assertEveryJobHasOneHandler', () => {
  it('accepts exactly one handler per job name', () => {
    expect(() => assertEveryJobHasOneHandler([...ALL_JOB_NAMES])).not.toThrow();
  });

  it('refuses to start when a job has no processor', () => {
    expect(() => assertEveryJobHasOneHandler([])).toThrow(
      `Worker cannot start: no processor for job(s): ${JobName.SendWelcomeEmail}`,
    );
  });

  it('refuses to start when a job has two processors', () => {
    expect(() => assertEveryJobHasOneHandler([...ALL_JOB_NAMES, JobName.SendWelcomeEmail])).toThrow(
      /more than one processor for job\(s\): send-welcome-email/,
    );
  });
});
