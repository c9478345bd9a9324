import { SsoError } from '@sso/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LoadErrorNotice } from '../src/components/LoadErrorNotice.js';
import { UnavailableNotice } from '../src/components/UnavailableNotice.js';
import { UnavailableStatus } from '../src/components/UnavailableStatus.js';

// The page's text as a person reads it: tags gone, the one entity React writes here decoded, whitespace collapsed.
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

const storeDown = new SsoError('store_unavailable', 503, 'The service is temporarily unavailable. Please try again in a moment.', {
  requestId: 'req-7f3a',
  retryAfter: 5,
});
const noop = () => undefined;

describe('the "Temporarily unavailable" notice', () => {
  it("shows the title, the BFF's message, its code and reference, and a Try again button, as an alert", () => {
    const html = renderToStaticMarkup(<UnavailableNotice error={storeDown} onRetry={noop} />);
    expect(html).toContain('role="alert"');
    const text = textOf(html);
    expect(text).toMatch(/^Temporarily unavailable The service is temporarily unavailable\. Please try again in a moment\./);
    expect(text).toContain('This page tries again by itself.');
    expect(text).toContain('Error code: store_unavailable · Reference: req-7f3a');
    expect(html).toContain('<code data-testid="error-reference">req-7f3a</code>');
    expect(html).toMatch(/<button[^>]*>Try again<\/button>/);
  });

  it('leaves the reference out when the answer had no request id', () => {
    const gateway = new SsoError('unexpected_response', 503, 'The sign-in service is not available right now.');
    const text = textOf(renderToStaticMarkup(<UnavailableNotice error={gateway} onRetry={noop} />));
    expect(text).toContain('Error code: unexpected_response');
    expect(text).not.toContain('Reference');
  });
});

describe('a failed load', () => {
  it('a 503 store_unavailable is "Temporarily unavailable", not the page\'s own failure title', () => {
    const text = textOf(
      renderToStaticMarkup(<LoadErrorNotice title="We couldn't check whether you are signed in." error={storeDown} onRetry={noop} />),
    );
    expect(text).toContain('Temporarily unavailable');
    expect(text).not.toContain("We couldn't check");
  });

  it('any 503 (provider_unavailable during a session check) is "Temporarily unavailable" too', () => {
    const provider = new SsoError('provider_unavailable', 503, 'The sign-in provider cannot be reached right now.', { requestId: 'req-1' });
    const text = textOf(
      renderToStaticMarkup(<LoadErrorNotice title="We couldn't check whether you are signed in." error={provider} onRetry={noop} />),
    );
    expect(text).toMatch(/^Temporarily unavailable The sign-in provider cannot be reached right now\./);
    expect(text).toContain('Reference: req-1');
  });

  it('another failure keeps its own title and message, and says nothing of being unavailable', () => {
    const offline = new SsoError('network_error', 0, 'Could not reach the server. Check your connection and try again.');
    const text = textOf(
      renderToStaticMarkup(<LoadErrorNotice title="We couldn't load your connected accounts." error={offline} onRetry={noop} />),
    );
    expect(text).toBe(
      "We couldn't load your connected accounts. Could not reach the server. Check your connection and try again. Try again",
    );
  });
});

describe('the status above a page kept on screen during an outage', () => {
  it('is a polite status saying "Temporarily unavailable", with Try again, not an alert', () => {
    const html = renderToStaticMarkup(<UnavailableStatus onRetry={noop} />);
    expect(html).toContain('role="status"');
    expect(html).not.toContain('role="alert"');
    expect(textOf(html)).toBe('Temporarily unavailable Shown as last loaded; trying again by itself. Try again');
  });
});
