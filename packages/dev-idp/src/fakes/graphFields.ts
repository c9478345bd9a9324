/** One requested Graph API field, e.g. `picture{url}` or `picture.type(large)`. */
export interface GraphField {
  name: string;
  /** The `{…}` sub-fields, or undefined for all. */
  subfields: string[] | undefined;
  /** The `.modifier(value)` parts. */
  modifiers: Record<string, string>;
}

/** Splits on commas that are not inside `{}` or `()`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '{' || char === '(') depth += 1;
    if (char === '}' || char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** Parses the `fields` parameter (`id,name,email,picture{url}`); null when it is malformed. */
export function parseFields(text: string): GraphField[] | null {
  const fields: GraphField[] = [];
  for (const part of splitTopLevel(text)) {
    const match = /^([a-z_]+)((?:\.[a-z_]+\([^()]*\))*)(?:\{([^{}]*)\})?$/.exec(part);
    if (!match) return null;
    const modifiers: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/\.([a-z_]+)\(([^()]*)\)/g)) modifiers[key!] = value!;
    const subfields = match[3] === undefined ? undefined : splitTopLevel(match[3]);
    fields.push({ name: match[1]!, subfields, modifiers });
  }
  return fields;
}
