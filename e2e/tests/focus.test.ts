import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { colorsIn, composite, contrastRatio, flatten, hex, parseColor, type Rgba } from '../support/contrast.js';
import { useStack } from '../support/stack.js';

const current = useStack();

const schemes = ['light', 'dark'] as const;
type Scheme = (typeof schemes)[number];

/** What getComputedStyle says about the focused element and the backgrounds behind it. */
interface FocusedStyles {
  /** Tag and accessible text, to name the element in a failure. */
  label: string;
  providerId: string | null;
  focusVisible: boolean;
  outlineStyle: string;
  outlineWidth: string;
  outlineOffset: string;
  outlineColor: string;
  borderWidth: string;
  borderColor: string;
  backgroundColor: string;
  backgroundImage: string;
  /** Background colours of the ancestors, nearest first, up to the first opaque one. */
  behind: string[];
}

/** null while nothing but the document has focus (before the first Tab, or after the last). */
function readFocused(page: Page): Promise<FocusedStyles | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const behind: string[] = [];
    for (let node = el.parentElement; node; node = node.parentElement) {
      const background = getComputedStyle(node).backgroundColor;
      behind.push(background);
      // Chromium writes an opaque colour as rgb(), a translucent one as rgba().
      if (background.startsWith('rgb(')) break;
    }
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().replace(/\s+/g, ' ') ?? '';
    return {
      label: `<${el.tagName.toLowerCase()}> "${name}"`,
      providerId: el.getAttribute('data-provider-id'),
      focusVisible: el.matches(':focus-visible'),
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      outlineOffset: style.outlineOffset,
      outlineColor: style.outlineColor,
      borderWidth: style.borderTopWidth,
      borderColor: style.borderTopColor,
      backgroundColor: style.backgroundColor,
      backgroundImage: style.backgroundImage,
      behind,
    };
  });
}

/**
 * The colours a focus ring touches (WCAG 2.2 SC 1.4.11: 3:1 against adjacent colours). Outside, the
 * surface behind the element; inside, with a positive outline-offset, that same surface showing
 * through the gap, else the element's edge (its border over its fill, every stop of a gradient).
 */
function adjacentColors(s: FocusedStyles, surface: Rgba): { name: string; color: Rgba }[] {
  const adjacent = [{ name: 'surface', color: surface }];
  if (parseFloat(s.outlineOffset) > 0) return adjacent;
  const fill = composite(parseColor(s.backgroundColor), surface);
  const stops = colorsIn(s.backgroundImage).map((stop) => composite(stop, fill));
  const border = parseFloat(s.borderWidth) > 0 ? parseColor(s.borderColor) : { r: 0, g: 0, b: 0, a: 0 };
  for (const [i, under] of (stops.length > 0 ? stops : [fill]).entries()) {
    adjacent.push({ name: stops.length > 0 ? `edge (gradient stop ${i + 1})` : 'edge', color: composite(border, under) });
  }
  return adjacent;
}

/** Why this element's focus ring falls short, if it does: no ring, too thin, or under 3:1. */
function ringProblems(s: FocusedStyles, where: string, scheme: Scheme): string[] {
  // The browser's own canvas colour, under everything (the page paints over it anyway).
  const canvas = parseColor(scheme === 'dark' ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)');
  if (!s.focusVisible) return [`${where}: keyboard focus does not match :focus-visible`];
  if (s.outlineStyle === 'none') return [`${where}: no outline`];
  const problems: string[] = [];
  if (parseFloat(s.outlineWidth) < 2) problems.push(`${where}: outline is ${s.outlineWidth}, under 2px`);
  const surface = flatten(s.behind.map(parseColor), canvas);
  const ring = composite(parseColor(s.outlineColor), surface);
  for (const { name, color } of adjacentColors(s, surface)) {
    const ratio = contrastRatio(ring, color);
    if (ratio < 3) problems.push(`${where}: ring ${hex(ring)} on ${name} ${hex(color)} is ${ratio.toFixed(2)}:1`);
  }
  return problems;
}

/**
 * Tabs through the page once, from the top, and checks the ring of everything that takes focus.
 * Keyboard focus, not .focus(): only that makes Chromium match :focus-visible for links.
 */
async function tabThrough(page: Page, scheme: Scheme): Promise<{ focused: FocusedStyles[]; problems: string[] }> {
  const focused: FocusedStyles[] = [];
  const problems: string[] = [];
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    const s = await readFocused(page);
    if (!s) {
      if (focused.length > 0) break; // past the last control, back on the document
      continue;
    }
    if (focused.some((seen) => seen.label === s.label)) break; // wrapped round
    focused.push(s);
    problems.push(...ringProblems(s, `${s.label} (${scheme})`, scheme));
  }
  return { focused, problems };
}

async function signInAsAlice(page: Page) {
  await page.goto(`${current().origin}/login?returnTo=%2Fprofile`);
  await page.getByRole('link', { name: 'Sign in with Dev IdP' }).click();
  await page.getByRole('button', { name: /Alice Liddell/ }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(`${current().origin}/profile`);
  // Everything that adds controls has loaded: the identities list and the devices list.
  await page
    .getByTestId('connected-accounts')
    .getByRole('link', { name: /^Connect / })
    .first()
    .waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
}

describe('focus rings in a real browser', () => {
  it("every provider button's focus ring has 3:1 contrast against what surrounds it, in light and dark", async () => {
    const problems: string[] = [];
    for (const colorScheme of schemes) {
      const context = await current().browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${current().origin}/login`);
      const links = page.getByRole('list', { name: 'Sign-in providers' }).getByRole('link');
      await links.first().waitFor();
      const providerIds = await links.evaluateAll((all) => all.map((a) => a.getAttribute('data-provider-id')));
      // The stack configures every kind: Dev IdP is the generic OpenID Connect look (`oidc`).
      expect(providerIds).toEqual(['simplelogin', 'google', 'github', 'facebook', 'oidc']);

      const walk = await tabThrough(page, colorScheme);
      expect(walk.focused.map((s) => s.providerId).filter(Boolean)).toEqual(providerIds);
      problems.push(...walk.problems);
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it("a sign-in error's dismiss button and every control on the profile page keep a 3:1 focus ring, in light and dark", async () => {
    const problems: string[] = [];
    for (const colorScheme of schemes) {
      const context = await current().browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${current().origin}/login?error=access_denied`);
      await page.getByRole('link', { name: 'Sign in with Facebook' }).waitFor();
      const login = await tabThrough(page, colorScheme);
      expect(login.focused.map((s) => s.label)).toContain('<button> "Dismiss"');
      problems.push(...login.problems);

      await signInAsAlice(page);
      const profile = await tabThrough(page, colorScheme);
      const labels = profile.focused.map((s) => s.label);
      // Secondary buttons, compact provider links ("Connect …") and plain buttons all get checked.
      expect(labels).toContain('<button> "Sign out"');
      expect(labels.some((label) => label.startsWith('<a> "Connect '))).toBe(true);
      problems.push(...profile.problems);
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
