import { ContractViolation, takeContractViolations } from './response-recorder';

/**
 * Jest setup (setupFilesAfterEnv): a test fails when an answer sent while it ran broke the
 * OpenAPI contract (see response-recorder.ts). Answers sent in beforeAll fail the file's first
 * test; those sent in afterAll fail the file.
 */
function failOn(violations: ContractViolation[], when: string): void {
  if (violations.length === 0) return;
  const lines = violations.flatMap((violation) => [
    `  ${violation.exchange}${violation.test ? '' : ` (${when})`}`,
    ...violation.problems.map((problem) => `    - ${problem}`),
  ]);
  throw new Error(
    `${violations.length} answer(s) broke the OpenAPI document (fix the DTO or decorator):\n${lines.join('\n')}`,
  );
}

afterEach(() => failOn(takeContractViolations(), 'before this test'));
afterAll(() => failOn(takeContractViolations(), 'after the last test'));
