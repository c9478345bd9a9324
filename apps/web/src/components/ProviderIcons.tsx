// Small monochrome icons for the provider buttons. They inherit `currentColor` and are decorative
// (the button text names the provider), so they are hidden from assistive technology.

const svgProps = {
  className: 'provider-button__icon',
  viewBox: '0 0 24 24',
  'aria-hidden': true,
  focusable: false,
} as const;

/** The generic fallback: a key, for any provider without its own look. */
export function KeyIcon() {
  return (
    <svg {...svgProps} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <circle cx="7.5" cy="15.5" r="4.5" />
      <path d="m10.7 12.3 9.8-9.8M17 6l3 3m-5.5-.5 2 2" />
    </svg>
  );
}

/** The local development provider: a terminal prompt. */
export function DevIcon() {
  return (
    <svg {...svgProps} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="m7 9 3 3-3 3m5 0h5" />
    </svg>
  );
}
