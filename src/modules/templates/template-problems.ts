import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The conflicts of templates (docs/templates.md). */
export const TemplateProblems = {
  versionConflict: new ProblemType<{ currentVersion: number }>({
    slug: 'version-conflict',
    schemaName: 'TemplateVersionConflictProblem',
    status: HttpStatus.CONFLICT,
    title: 'Version conflict',
    description: 'The edit was based on a stale `version` of the template',
    exampleDetail:
      'The template has changed since version 3: load version 4 and apply your edit to it.',
    members: {
      currentVersion: {
        type: 'integer',
        minimum: 1,
        example: 4,
        required: true,
        description: 'The version the template is at now',
      },
    },
  }),
} as const;
