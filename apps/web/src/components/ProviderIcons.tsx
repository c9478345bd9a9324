// Provider logos, drawn as simple paths on a 24×24 grid. They are decorative (the text next to them
// names the provider), so they are hidden from assistive technology. Colours are set in
// ProviderButton.css, which recolours parts of a logo where the brand asks for it (Facebook's
// white "f" logo on its blue button, for instance).

const svgProps = {
  className: 'provider-icon',
  viewBox: '0 0 24 24',
  'aria-hidden': true,
  focusable: false,
} as const;

/** Google's multicolour "G": four arcs of one ring and the blue bar. Its colours never change. */
export function GoogleIcon() {
  return (
    <svg {...svgProps} fill="none" strokeWidth="4">
      <path stroke="#EA4335" d="M16.95 7.05A7 7 0 0 0 5.94 8.5" />
      <path stroke="#FBBC05" d="M5.94 8.5a7 7 0 0 0 0 7" />
      <path stroke="#34A853" d="M5.94 15.5a7 7 0 0 0 11.79.51" />
      <path stroke="#4285F4" d="M17.73 16.01A7 7 0 0 0 19 12" />
      <path fill="#4285F4" d="M12 10h8.8a9 9 0 0 1 .2 2v2h-9z" />
    </svg>
  );
}

/** GitHub's mark: the Octocat's head cut out of a circle, open at the bottom. Uses `currentColor`. */
export function GitHubIcon() {
  return (
    <svg {...svgProps} fill="currentColor">
      <path d="M9.6 22.73V20.6c-2.3.45-3.2-.7-3.6-1.75-.3-.7-.75-1-1.35-1.35.3-.45 1.05-.2 1.6.45.6.75.95 1.45 2.55 1.2.25-.45.6-.75.8-.95-2.9-.4-4.4-1.75-4.4-4.7 0-1.1.35-2.05 1.05-2.8-.15-.5-.45-1.6.1-3.05 0 0 1-.3 3.15 1.1a10.7 10.7 0 0 1 5 0c2.15-1.4 3.15-1.1 3.15-1.1.55 1.45.25 2.55.1 3.05.7.75 1.05 1.7 1.05 2.8 0 2.95-1.55 4.3-4.4 4.7V22.73A11 11 0 1 0 9.6 22.73z" />
    </svg>
  );
}

/** Facebook's "f" logo: a white "f" on a blue disc, its stem running out at the bottom. */
export function FacebookIcon() {
  return (
    <svg {...svgProps}>
      <circle className="provider-icon__disc" cx="12" cy="12" r="11" fill="#0866FF" />
      <path
        className="provider-icon__glyph"
        fill="#FFFFFF"
        d="M13.6 22.88V12.9h2.75l.4-2.9H13.6V8.3c0-.85.3-1.4 1.5-1.4h1.7V4.25A19 19 0 0 0 14.5 4.1c-2.55 0-4.3 1.55-4.3 4.35V10H7.5v2.9h2.7v9.95a11 11 0 0 0 3.4.03z"
      />
    </svg>
  );
}

/** SimpleLogin (email aliases): an envelope on its brand tile. */
export function SimpleLoginIcon() {
  return (
    <svg {...svgProps}>
      <rect className="provider-icon__disc" x="1" y="1" width="22" height="22" rx="6" fill="#A3268F" />
      <g
        className="provider-icon__glyph-stroke"
        fill="none"
        stroke="#FFFFFF"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <rect x="5.5" y="7.5" width="13" height="9.5" rx="1.5" />
        <path d="m6 8.5 6 4.6 6-4.6" />
      </g>
    </svg>
  );
}

/** The generic OpenID Connect provider (and any issuer without a brand of its own): a key. */
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
