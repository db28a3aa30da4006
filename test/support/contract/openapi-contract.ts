import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks HTTP answers against an OpenAPI 3.0 document: the status is documented for the
 * operation, the documented headers are there (when required) and valid, the content type is
 * one the response documents, and a JSON body validates against its schema.
 *
 * One rule is stricter than the document: objects are closed. A member the schema does not
 * list is a violation here (the API sends nothing it does not document), while the document
 * itself leaves objects open so that clients tolerate members added later.
 */

/** One answer as the server sent it. */
export interface RecordedExchange {
  method: string;
  /** The request path, without the query string. */
  path: string;
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

type Schema = Record<string, unknown>;

interface HeaderObject {
  required?: boolean;
  schema?: Schema;
  $ref?: string;
}

interface ResponseObject {
  headers?: Record<string, HeaderObject>;
  content?: Record<string, { schema?: Schema }>;
  $ref?: string;
}

interface Operation {
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation | unknown>>;
  components?: {
    schemas?: Record<string, Schema>;
    headers?: Record<string, HeaderObject>;
    responses?: Record<string, ResponseObject>;
  };
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Literal segments: the more, the more specific (Express registers fixed paths first). */
  literals: number;
  operations: Record<string, Operation>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const COMPONENTS_ID = 'urn:fitai:openapi';

/** Paths outside the API (probes, metrics, the document itself): not checked. */
export const OUTSIDE_THE_API = [
  /^\/docs(\/|-json|$)/,
  /^\/health\//,
  /^\/metrics$/,
  // The queue dashboard (Bull Board): HTML and its own JSON, not part of the API (docs/admin.md).
  /^\/api\/v1\/admin\/queues\/board(\/|$)/,
];

/**
 * Answers to paths the document does not describe (Express's 404): a `not-found` problem,
 * nothing else (the schema `NotFoundProblem`).
 */
const UNROUTED_STATUSES = [404];

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/** `#/components/schemas/X` as seen from outside the document. */
function absoluteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absoluteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${COMPONENTS_ID}${value}`
        : absoluteRefs(value);
  }
  return out;
}

/**
 * Closes every object schema that lists its properties and says nothing of others, except the
 * parts of an `allOf` (each part sees only its own properties).
 */
function closeObjects(node: unknown, insideAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((item) => closeObjects(item, insideAllOf));
  if (!node || typeof node !== 'object') return node;
  const schema = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'allOf' && Array.isArray(value)) {
      out[key] = value.map((part) => closeObjects(part, true));
    } else if (key === 'example' || key === 'examples' || key === 'enum' || key === 'default') {
      out[key] = value;
    } else {
      out[key] = closeObjects(value);
    }
  }
  if (
    !insideAllOf &&
    schema.properties &&
    typeof schema.properties === 'object' &&
    schema.additionalProperties === undefined
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 8)
    .map((e) => {
      const where = e.instancePath || '(root)';
      const extra =
        e.keyword === 'additionalProperties'
          ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
          : e.keyword === 'enum'
            ? ` (${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)})`
            : '';
      return `${where} ${e.message}${extra}`;
    })
    .join('; ');
}

export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction | Error>();
  private readonly document: OpenApiDocument;

  /** `openApi`: an OpenAPI 3.0 document, e.g. the one the app serves at /docs-json. */
  constructor(openApi: object) {
    const document = structuredClone(openApi) as OpenApiDocument;
    this.document = document;
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema(
      closeObjects(absoluteRefs({ components: document.components ?? {} })) as Schema,
      COMPONENTS_ID,
    );
    this.routes = Object.entries(document.paths)
      .map(([template, item]) => {
        const segments = template.split('/').filter(Boolean);
        const pattern = new RegExp(
          '^/' +
            segments
              .map((segment) =>
                segment.startsWith('{') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
              )
              .join('/') +
            '/?$',
        );
        const operations: Record<string, Operation> = {};
        for (const method of METHODS) {
          if (item[method]) operations[method] = item[method] as Operation;
        }
        return {
          template,
          pattern,
          literals: segments.filter((s) => !s.startsWith('{')).length,
          operations,
        };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  /** The problems with one answer; empty when it keeps the contract. */
  check(exchange: RecordedExchange): string[] {
    if (OUTSIDE_THE_API.some((pattern) => pattern.test(exchange.path))) return [];
    // Express answers HEAD with the GET handler.
    const asked = exchange.method.toLowerCase();
    const method =
      asked === 'head' &&
      !this.routes.some((r) => r.pattern.test(exchange.path) && r.operations.head)
        ? 'get'
        : asked;
    const route = this.routes.find(
      (candidate) => candidate.pattern.test(exchange.path) && candidate.operations[method],
    );
    if (!route) return this.checkUnrouted(exchange);

    const where = `${method.toUpperCase()} ${route.template}`;
    const operation = route.operations[method];
    const key =
      String(exchange.status) in operation.responses
        ? String(exchange.status)
        : `${String(exchange.status)[0]}XX` in operation.responses
          ? `${String(exchange.status)[0]}XX`
          : 'default' in operation.responses
            ? 'default'
            : undefined;
    if (!key) {
      return [
        `${where}: status ${exchange.status} is not documented (documented: ${Object.keys(
          operation.responses,
        ).join(', ')})`,
      ];
    }
    const response = this.resolve(operation.responses[key]);
    return this.checkResponse(`${where} → ${exchange.status}`, response, exchange);
  }

  private checkUnrouted(exchange: RecordedExchange): string[] {
    const where = `${exchange.method.toUpperCase()} ${exchange.path} (no documented operation)`;
    if (!UNROUTED_STATUSES.includes(exchange.status)) {
      return [`${where}: answered ${exchange.status}`];
    }
    const generic: ResponseObject = {
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/NotFoundProblem' } },
      },
    };
    return this.checkResponse(`${where} → ${exchange.status}`, generic, exchange);
  }

  private checkResponse(where: string, response: ResponseObject, exchange: RecordedExchange) {
    const problems: string[] = [];
    for (const [name, declared] of Object.entries(response.headers ?? {})) {
      const header = this.resolveHeader(declared);
      const raw = exchange.headers[name.toLowerCase()];
      if (raw === undefined) {
        if (header.required) problems.push(`${where}: required header ${name} is missing`);
        continue;
      }
      if (!header.schema) continue;
      const value = this.headerValue(Array.isArray(raw) ? raw.join(', ') : String(raw), header);
      const validate = this.validator(`header ${JSON.stringify(header.schema)}`, header.schema);
      if (validate instanceof Error) {
        problems.push(`${where}: header ${name}: the schema does not compile: ${validate.message}`);
      } else if (!validate(value)) {
        problems.push(
          `${where}: header ${name} ${JSON.stringify(raw)}: ${formatErrors(validate.errors)}`,
        );
      }
    }

    const content = response.content ?? {};
    const mediaTypes = Object.keys(content);
    const hasBody = exchange.body.length > 0 && exchange.method.toUpperCase() !== 'HEAD';
    if (!hasBody) {
      if (mediaTypes.length > 0 && exchange.method.toUpperCase() !== 'HEAD') {
        problems.push(`${where}: documents a body (${mediaTypes.join(', ')}) but none was sent`);
      }
      return problems;
    }
    const contentType = String(exchange.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (mediaTypes.length === 0) {
      problems.push(`${where}: sent a body (${contentType || 'no content type'}) none documented`);
      return problems;
    }
    const mediaType = mediaTypes.find((m) => m.toLowerCase() === contentType);
    if (!mediaType) {
      problems.push(
        `${where}: content type ${contentType || '(none)'} is not documented (${mediaTypes.join(
          ', ',
        )})`,
      );
      return problems;
    }
    const schema = content[mediaType].schema;
    if (!schema || !isJsonMediaType(contentType)) return problems;
    let body: unknown;
    try {
      body = JSON.parse(exchange.body.toString('utf8'));
    } catch {
      problems.push(`${where}: the ${contentType} body is not JSON`);
      return problems;
    }
    const validate = this.validator(`${where} ${mediaType}`, schema);
    if (validate instanceof Error) {
      problems.push(`${where}: the documented schema does not compile: ${validate.message}`);
    } else if (!validate(body)) {
      problems.push(`${where}: body: ${formatErrors(validate.errors)}`);
    }
    return problems;
  }

  /** Header values are text; a header documented as a number is compared as one. */
  private headerValue(raw: string, header: HeaderObject): unknown {
    const type = header.schema?.type;
    if ((type === 'integer' || type === 'number') && raw.trim() !== '' && !isNaN(Number(raw))) {
      return Number(raw);
    }
    if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
    return raw;
  }

  private validator(key: string, schema: Schema): ValidateFunction | Error {
    const cached = this.validators.get(key);
    if (cached) return cached;
    let compiled: ValidateFunction | Error;
    try {
      compiled = this.ajv.compile(closeObjects(absoluteRefs(schema)) as Schema);
    } catch (error) {
      compiled = error as Error;
    }
    this.validators.set(key, compiled);
    return compiled;
  }

  private resolve(response: ResponseObject): ResponseObject {
    if (!response.$ref) return response;
    const name = response.$ref.replace('#/components/responses/', '');
    return this.document.components?.responses?.[name] ?? {};
  }

  private resolveHeader(header: HeaderObject): HeaderObject {
    if (!header.$ref) return header;
    const name = header.$ref.replace('#/components/headers/', '');
    return this.document.components?.headers?.[name] ?? {};
  }
}
