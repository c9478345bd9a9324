import { z } from 'zod/mini';
import {
  ApiErrorSchema,
  ErrorCodeSchema,
  IdentityListSchema,
  IdentitySchema,
  LogoutResponseSchema,
  MeResponseSchema,
  ProfileSchema,
  ProviderListSchema,
  ProviderSummarySchema,
  SessionInfoSchema,
  SessionListSchema,
} from '@sso/profile';
import type { JsonSchema } from './types.js';

// Bodies only the BFF sends, with no shared schema in @sso/profile (no frontend reads them).
/** `GET /healthz`. */
export const HealthSchema = z.object({ status: z.literal('ok') });
/** `POST /auth/backchannel-logout/{provider}`: how many of our sessions ended. */
export const BackchannelLogoutResultSchema = z.object({ ended: z.int().check(z.minimum(0)) });
/** Back-Channel Logout 1.0 §2.8: a refusal is 400 with an OAuth 2.0 error body, not our ApiError. */
export const BackchannelLogoutErrorSchema = z.object({ error: z.literal('invalid_request'), error_description: z.string() });
/** The form the provider POSTs (Back-Channel Logout 1.0 §2.5). */
export const BackchannelLogoutRequestSchema = z.object({ logout_token: z.string() });

/** Every component schema, by name, with the description shown for it. Shared ones come from @sso/profile. */
const COMPONENTS = {
  ErrorCode: [ErrorCodeSchema, 'Stable error codes; frontends switch on them. Only ever added to, never renamed.'],
  ApiError: [ApiErrorSchema, 'The body of every error answer of the API (except back-channel logout, which follows its spec).'],
  Profile: [ProfileSchema, 'The signed-in user. `id` is our own user id; identity is provider + subject, never email.'],
  ProviderSummary: [ProviderSummarySchema, 'A sign-in button: `loginUrl` is absolute, on PUBLIC_URL.'],
  ProviderList: [ProviderListSchema, 'The enabled providers, in the configured order.'],
  MeResponse: [MeResponseSchema, 'The signed-in user and when the session ends (ISO 8601 times).'],
  LogoutResponse: [
    LogoutResponseSchema,
    'Where to send the browser next (a full-page navigation): `/login` or the `returnTo`, or for RP-initiated logout our end-session page `/auth/end-session?id=…` (or a provider URL without any token). Never a token.',
  ],
  Identity: [IdentitySchema, 'A provider account connected to the user.'],
  IdentityList: [IdentityListSchema, 'The user’s connected accounts.'],
  SessionInfo: [SessionInfoSchema, 'One signed-in session ("device"); `id` is a public handle, not the cookie value.'],
  SessionList: [SessionListSchema, 'The user’s live sessions.'],
  Health: [HealthSchema, 'Liveness.'],
  BackchannelLogoutResult: [BackchannelLogoutResultSchema, 'How many sessions the logout token ended.'],
  BackchannelLogoutError: [BackchannelLogoutErrorSchema, 'An OAuth 2.0 error body (Back-Channel Logout 1.0 §2.8).'],
} as const satisfies Record<string, readonly [z.core.$ZodType, string]>;

export type SchemaName = keyof typeof COMPONENTS;

/** `$ref` to a component schema. */
export const schemaRef = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

/** Without `$schema` / `$id`: inside an OpenAPI document, jsonSchemaDialect and the component's place say both. */
function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

/**
 * The component schemas, generated from the zod schemas (zod's JSON Schema output, draft 2020-12),
 * so the document cannot drift from the types. Shared schemas refer to each other by `$ref`.
 */
export function componentSchemas(): Record<SchemaName, JsonSchema> {
  // A registry of our own (not zod's global one): building the document changes no shared state.
  const registry = z.registry<{ id: string; description: string }>();
  for (const [id, [schema, description]] of Object.entries(COMPONENTS)) registry.add(schema, { id, description });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'output',
    metadata: registry,
    unrepresentable: 'throw',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.keys(COMPONENTS).map((id) => [id, bare(schemas[id] as JsonSchema)])) as Record<SchemaName, JsonSchema>;
}

/** The JSON Schema of a request body: what the BFF accepts (zod's input side), for a form or JSON body. */
export function requestSchema(schema: z.core.$ZodType): JsonSchema {
  return bare(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }));
}
