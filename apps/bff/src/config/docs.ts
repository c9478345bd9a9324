import { EnvSchema } from './schema.js';
import { docs, SECTIONS, type Section, type VariableDoc } from './variables/registry.js';

/** One variable as the docs show it. */
interface Variable {
  name: string;
  default: string | undefined;
  examples: readonly string[];
  secret: boolean;
  set: boolean;
}

/** One README row and one `.env.example` comment: a variable and those documented with it. */
interface Row {
  section: Section;
  doc: VariableDoc;
  variables: Variable[];
}

const MARKER_START =
  '<!-- BEGIN configuration table: generated from apps/bff/src/config/variables by `pnpm docs:config`; edit those files, not this table -->';
const MARKER_END = '<!-- END configuration table -->';
const WIDTH = 100;

const ENV_EXAMPLE_HEADER = [
  'Every variable the BFF reads, generated from its schema (apps/bff/src/config/variables) by `pnpm docs:config`: edit those files, not this one.',
  "Copy it to .env (the BFF loads ./.env, or the workspace root's .env, or the file named by ENV_FILE); real environment variables win over the file. In development nothing is required: `pnpm dev` works with this file absent.",
];

// Not the BFF's variables: packages/dev-idp reads these itself (see its README).
const ENV_EXAMPLE_FOOTER = `# The dev IdP's own settings (packages/dev-idp): DEV_IDP_PORT=4000, DEV_IDP_HOST=localhost,
# DEV_IDP_REDIRECT_URIS=comma-separated redirect URIs for its client (replaces the defaults),
# DEV_IDP_POST_LOGOUT_REDIRECT_URIS=comma-separated post-logout redirect URIs (replaces the defaults),
# DEV_IDP_BACKCHANNEL_LOGOUT_URI=its client's back-channel logout URI, or off,
# DEV_IDP_CLIENT_NAME=the application's name on its pages (default SSO Demo).
# For the production build on :3000 see the README, "Try the production build with the dev IdP".
`;

/** The schema's variables grouped into rows, in section order; throws when one is undocumented. */
export function documentedRows(): Row[] {
  const rows: Row[] = [];
  const rowOf = new Map<string, Row>();
  for (const [name, schema] of Object.entries(EnvSchema.shape)) {
    const meta = docs.get(schema);
    if (!meta) throw new Error(`${name} has no documentation: register it in apps/bff/src/config/variables`);
    const schemaDefault: unknown = schema.safeParse(undefined).data;
    if (schemaDefault !== undefined && meta.default !== undefined)
      throw new Error(`${name}: the schema has a default; do not repeat it in its documentation`);
    // Defaults are strings, numbers or booleans (environment values); anything else prints as JSON.
    const fallback = schemaDefault === undefined ? meta.default : printDefault(schemaDefault);
    const variable: Variable = {
      name,
      default: fallback,
      examples: meta.example === undefined ? [fallback ?? ''] : typeof meta.example === 'string' ? [meta.example] : meta.example,
      secret: meta.secret === true,
      set: meta.set === true,
    };
    let row: Row | undefined;
    if ('rowOf' in meta) {
      row = rowOf.get(meta.rowOf);
      if (!row) throw new Error(`${name}: rowOf names ${meta.rowOf}, which is not documented before it`);
      row.variables.push(variable);
    } else {
      // A default that depends on the environment is described in words; they must still name the value.
      if (meta.defaultText !== undefined && fallback !== undefined && !meta.defaultText.includes(fallback)) {
        throw new Error(`${name}: defaultText "${meta.defaultText}" does not mention the default ${fallback}`);
      }
      row = { section: meta.section, doc: meta, variables: [variable] };
      rows.push(row);
    }
    rowOf.set(name, row);
  }
  const order = Object.keys(SECTIONS);
  return rows.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
}

function defaultCell(row: Row): string {
  const required = row.doc.requiredInProduction ? 'prod: **required**' : undefined;
  let text: string | undefined = row.doc.defaultText;
  if (text === undefined) {
    const withDefault = row.variables.filter((v) => v.default !== undefined);
    if (withDefault.length === 0) text = required ? undefined : 'unset';
    else if (row.variables.length === 1) text = `\`${withDefault[0]!.default}\`${row.doc.defaultNote ? ` (${row.doc.defaultNote})` : ''}`;
    else text = withDefault.map((v) => `\`${v.name}\`: \`${v.default}\``).join('; ');
  }
  return [text, required].filter(Boolean).join('; ');
}

/** The README's configuration table. */
export function renderReadmeTable(rows = documentedRows()): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| Variable | Default | Meaning |', '| --- | --- | --- |'];
  for (const row of rows) {
    const names = row.variables.map((v) => `\`${v.name}\`${v.secret ? ' (secret)' : ''}`).join(', ');
    lines.push(`| ${cell(names)} | ${cell(defaultCell(row))} | ${cell(row.doc.description)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** `README` with the table between its markers replaced by `table`. */
export function replaceReadmeTable(readme: string, table: string): string {
  const start = readme.indexOf(MARKER_START);
  const end = readme.indexOf(MARKER_END);
  if (start === -1 || end < start) throw new Error(`README.md must contain the lines\n${MARKER_START}\n${MARKER_END}`);
  return `${readme.slice(0, start)}${MARKER_START}\n${table}${readme.slice(end)}`;
}

/** Markdown → a comment line's text: README links become "README, "Title"". */
function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\(#[^)]+\)/g, 'README, "$1"');
}

/** `# `-prefixed lines of at most WIDTH characters (a longer word keeps its own line). */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  // A code span is never split across lines.
  for (const word of text.match(/\S*`[^`]*`\S*|\S+/g) ?? []) {
    if (line.length + 1 + word.length > WIDTH && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  if (line !== '#') lines.push(line);
  return lines;
}

function exampleComment(row: Row): string {
  const [head] = row.variables;
  const parts = [row.doc.description];
  if (row.doc.requiredInProduction) parts.push('Required when NODE_ENV=production.');
  if (row.doc.defaultText !== undefined) parts.push(`Default: ${row.doc.defaultText.replace(/`/g, '')}.`);
  else if (
    row.variables.length === 1 &&
    head!.default !== undefined &&
    (row.doc.defaultNote || head!.examples.some((e) => e !== head!.default))
  ) {
    parts.push(`Default: ${head!.default}${row.doc.defaultNote ? ` (${row.doc.defaultNote})` : ''}.`);
  }
  return comment(plain(parts.join(' '))).join('\n');
}

/** The whole `.env.example`. */
export function renderEnvExample(rows = documentedRows()): string {
  const secrets = rows.flatMap((row) => row.variables.filter((v) => v.secret).map((v) => v.name));
  const out: string[] = [
    ...comment(ENV_EXAMPLE_HEADER.join(' ')),
    ...comment(`Secrets (keep the real .env out of version control and logs): ${secrets.join(', ')}.`),
  ];
  for (const [id, section] of Object.entries(SECTIONS) as [Section, (typeof SECTIONS)[Section]][]) {
    const sectionRows = rows.filter((row) => row.section === id);
    if (sectionRows.length === 0) continue;
    out.push('', `# --- ${section.title} `.padEnd(WIDTH, '-'));
    if ('intro' in section) out.push(...comment(section.intro));
    for (const row of sectionRows) {
      out.push(exampleComment(row));
      for (const v of row.variables) for (const value of v.examples) out.push(`${v.set ? '' : '# '}${v.name}=${value}`);
    }
  }
  return `${out.join('\n')}\n\n${ENV_EXAMPLE_FOOTER}`;
}

/** README.md and `.env.example` as the schema documents them. */
export function renderConfigDocs(readme: string): { readme: string; envExample: string } {
  const rows = documentedRows();
  return { readme: replaceReadmeTable(readme, renderReadmeTable(rows)), envExample: renderEnvExample(rows) };
}

/** A schema default as the docs show it. */
function printDefault(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
