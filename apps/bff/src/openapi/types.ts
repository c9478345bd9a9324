/** The parts of the OpenAPI 3.1 object model this document uses (https://spec.openapis.org/oas/v3.1.0). */

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) or a `$ref` to one. */
export type JsonSchema = Record<string, unknown>;

export interface Reference {
  $ref: string;
}

export interface MediaType {
  schema: JsonSchema;
}

export interface Header {
  description?: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Response {
  description: string;
  headers?: Record<string, Header | Reference>;
  content?: Record<string, MediaType>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  description?: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface RequestBody {
  description?: string;
  required?: boolean;
  content: Record<string, MediaType>;
}

/** Each entry: the named schemes, all required; `{}` means "none needed". */
export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: SecurityRequirement[];
  parameters?: (Parameter | Reference)[];
  requestBody?: RequestBody;
  responses: Record<string, Response | Reference>;
}

export const HTTP_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface PathItem extends Partial<Record<HttpMethod, Operation>> {
  parameters?: (Parameter | Reference)[];
}

export type Paths = Record<string, PathItem>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Paths;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
    parameters: Record<string, Parameter>;
    headers: Record<string, Header>;
    securitySchemes: Record<string, { type: 'apiKey'; in: 'cookie' | 'header'; name: string; description: string }>;
  };
}
