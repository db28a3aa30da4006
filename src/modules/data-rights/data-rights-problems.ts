import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The data-rights module's problems (docs/errors.md). */
export const DataRightsProblems = {
  exportTooSoon: new ProblemType<{ nextAllowedAt: string }>({
    slug: 'data-export-too-soon',
    status: HttpStatus.TOO_MANY_REQUESTS,
    title: 'One data export per day',
    description:
      'A data export was requested less than 24 hours ago; `nextAllowedAt` (and Retry-After) say when the next one may be',
    exampleDetail:
      'You can request one data export per day; the next one can be requested at 2026-12-02T10:00:00.000Z.',
    members: {
      nextAllowedAt: {
        type: 'string',
        format: 'date-time',
        example: '2026-12-02T10:00:00.000Z',
        required: true,
        description: 'When the next export may be requested',
      },
    },
  }),
  linkExpired: new ProblemType({
    slug: 'download-link-expired',
    status: HttpStatus.GONE,
    title: 'Download link expired',
    description:
      'The signed download link is past its expiry (DATA_EXPORT_LINK_TTL_SECONDS), or the archive was deleted after its retention; fetch a fresh link from the export status',
    exampleDetail:
      'This download link has expired; get a new one from GET /users/data-export/{id}.',
  }),
  importTooLarge: new ProblemType<{ maxBytes: number }>({
    slug: 'import-too-large',
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    title: 'Import file too large',
    description: 'The uploaded import file is larger than DATA_IMPORT_MAX_BYTES',
    exampleDetail: 'The file is larger than 52428800 bytes.',
    members: {
      maxBytes: {
        type: 'integer',
        example: 52428800,
        required: true,
        description: 'The largest file accepted, in bytes',
      },
    },
  }),
} as const;
