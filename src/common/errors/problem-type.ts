import { HttpStatus, Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { ProblemException } from './domain-errors';
import { PROBLEM_TYPE_BASE } from './problem-details';

/** The members a problem type adds to RFC 9457's, documented and thrown alike. */
export type ProblemMembers = Record<string, unknown>;

/** What a problem type's members look like in its OpenAPI schema: one @ApiProperty each. */
export type MemberDocs<M extends ProblemMembers> = {
  [K in keyof M]-?: ApiPropertyOptions & { required: undefined extends M[K] ? false : true };
};

export interface ProblemTypeDefinition<M extends ProblemMembers> {
  /** The last part of the `type` URN: `urn:fitai:problem:<slug>`. Clients branch on it. */
  slug: string;
  status: HttpStatus;
  /** The same for every occurrence of the type (RFC 9457 §3.1.3). */
  title: string;
  /** When the API answers with it: the OpenAPI description of the type. */
  description: string;
  /** A `detail` for the documented example. */
  exampleDetail: string;
  /** Extension members, each documented as an @ApiProperty of the type's schema. */
  members?: MemberDocs<M>;
  /**
   * The schema's name, `<Slug>Problem` by default. Two types may share a slug with different
   * members (a template's version conflict names a version, a workout's the workout): they
   * need names of their own.
   */
  schemaName?: string;
}

/** What the OpenAPI document needs of a problem type, whatever its members. */
export interface DocumentedProblemType {
  readonly uri: string;
  readonly slug: string;
  readonly status: HttpStatus;
  readonly title: string;
  readonly schemaName: string;
  readonly model: Type<unknown>;
  readonly definition: Pick<ProblemTypeDefinition<ProblemMembers>, 'description' | 'exampleDetail'>;
}

/** Every problem type by schema name, for the OpenAPI document (openapi-document.ts). */
const BY_SCHEMA_NAME = new Map<string, DocumentedProblemType>();

const pascal = (slug: string) =>
  slug.replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

/**
 * One kind of problem: its `type` URN, status, title and extension members, declared once and
 * used both to throw it (`problem.exception(detail, members)`, typed by the members) and to
 * document it (`@ApiProblems(problem)`, which references `problem.model` in the OpenAPI
 * document). The model is a flat schema: the RFC 9457 members with `type` and `status`
 * narrowed to this type's, plus its own members.
 */
export class ProblemType<
  M extends ProblemMembers = Record<never, never>,
> implements DocumentedProblemType {
  readonly uri: string;
  readonly schemaName: string;
  private modelClass?: Type<unknown>;

  constructor(readonly definition: ProblemTypeDefinition<M>) {
    this.uri = PROBLEM_TYPE_BASE + definition.slug;
    this.schemaName = definition.schemaName ?? `${pascal(definition.slug)}Problem`;
    if (BY_SCHEMA_NAME.has(this.schemaName)) {
      throw new Error(`Two problem types are named ${this.schemaName}: give one a schemaName`);
    }
    BY_SCHEMA_NAME.set(this.schemaName, this);
  }

  /** The problem type documented by the schema of this name, if it is one. */
  static named(schemaName: string): DocumentedProblemType | undefined {
    return BY_SCHEMA_NAME.get(schemaName);
  }

  get slug(): string {
    return this.definition.slug;
  }

  get status(): HttpStatus {
    return this.definition.status;
  }

  get title(): string {
    return this.definition.title;
  }

  /** The exception a service or guard throws; the ProblemDetailsFilter renders it. */
  exception(
    detail: string,
    ...[members, headers]: keyof M extends never
      ? [members?: M, headers?: Record<string, string>]
      : [members: M, headers?: Record<string, string>]
  ): ProblemException {
    const { status, slug, title } = this.definition;
    return new ProblemException(status, slug, title, detail, members ?? {}, headers ?? {});
  }

  /** The class whose schema documents this type (built on first use, named schemaName). */
  get model(): Type<unknown> {
    this.modelClass ??= this.buildModel();
    return this.modelClass;
  }

  private buildModel(): Type<unknown> {
    const { status, title, exampleDetail, members = {} } = this.definition;
    const model = class {};
    Object.defineProperty(model, 'name', { value: this.schemaName });
    const property = (name: string, options: ApiPropertyOptions) =>
      (options.required === false ? ApiPropertyOptional : ApiProperty)(options)(
        model.prototype,
        name,
      );
    property('type', {
      type: 'string',
      enum: [this.uri],
      example: this.uri,
      description: 'The kind of problem (docs/errors.md); clients branch on it',
    });
    property('title', { type: 'string', example: title });
    property('status', { type: 'integer', enum: [status], example: status });
    property('detail', {
      type: 'string',
      required: false,
      example: exampleDetail,
      description: 'This occurrence, for people; clients do not parse it',
    });
    property('instance', {
      type: 'string',
      example: '/api/v1/auth/register',
      description: 'The request path',
    });
    property('requestId', {
      type: 'string',
      example: '3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10',
      description: 'Also in the X-Request-Id header and in every log line of the request',
    });
    for (const [name, options] of Object.entries(members as Record<string, ApiPropertyOptions>)) {
      property(name, options);
    }
    return model;
  }
}
