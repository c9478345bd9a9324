/** Attributes for {@link h}: strings become attributes, `false`/`undefined` leave them out, functions become listeners. */
type Attributes = Record<string, string | boolean | undefined | ((event: Event) => void)>;

/**
 * A tiny element builder. Text always goes in as text nodes, never as HTML, so names and emails
 * from a provider cannot inject markup.
 */
export function h(tag: string, attributes: Attributes = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}
