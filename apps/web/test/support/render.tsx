import type { SsoClient } from '@sso/client';
import { SsoProvider } from '@sso/client/react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';

/** What a test sees of a rendered component: its DOM, and a way to take it off the page. */
export interface Rendered {
  container: HTMLElement;
  text: () => string;
  unmount: () => void;
}

/**
 * Renders `ui` into the (happy-dom) document as the app does, below an SsoProvider for `client`
 * and a router at `path`. Updates flush on React's own schedule: tests wait with `until`.
 */
export function render(ui: ReactNode, client: SsoClient, path = '/profile'): Rendered {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(
    <SsoProvider client={client}>
      <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
    </SsoProvider>,
  );
  return {
    container,
    text: () => (container.textContent ?? '').replace(/\s+/g, ' '),
    unmount: () => {
      root.unmount();
      container.remove();
    },
  };
}

/** Waits (up to `timeout` ms) until `check` stops throwing. */
export const until = (check: () => void, timeout = 3000) => vi.waitFor(check, { timeout, interval: 10 });

/** The button named `name` (its aria-label, else its text) inside `within`. */
export function button(within: HTMLElement, name: string | RegExp): HTMLButtonElement {
  const found = [...within.querySelectorAll('button')].find((candidate) => {
    const label = candidate.getAttribute('aria-label') ?? candidate.textContent?.trim() ?? '';
    return typeof name === 'string' ? label === name : name.test(label);
  });
  if (!found) throw new Error(`no button named ${String(name)}`);
  return found;
}
