import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SignInErrorAlert } from '../src/components/SignInErrorAlert.js';

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the sign-in page after a refused sign-in (/login?error=<code>)', () => {
  it('rate_limited: the BFF sent the browser back because too many sign-ins came from its network', () => {
    const text = textOf(renderToStaticMarkup(<SignInErrorAlert code="rate_limited" onDismiss={() => undefined} />));
    expect(text).toContain('Too many attempts from your network. Please wait a moment and try again.');
    expect(text).toContain('rate_limited');
  });
});
