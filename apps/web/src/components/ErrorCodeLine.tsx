// Codes may come from the URL, so anyone can put anything there; keep what we echo short.
const MAX_LENGTH = 64;

interface ErrorCodeLineProps {
  /** The stable error code; nothing is shown without one. */
  code?: string | undefined;
  /** The failed call's request id (`X-Request-Id`), to quote to support. */
  reference?: string | null | undefined;
}

/** "Error code: … · Reference: …" under an error's message, for support. */
export function ErrorCodeLine({ code, reference }: ErrorCodeLineProps) {
  if (!code) return null;
  const shownCode = code.length > MAX_LENGTH ? `${code.slice(0, MAX_LENGTH)}…` : code;
  return (
    <p className="notice__code">
      Error code: <code>{shownCode}</code>
      {reference && (
        <>
          {' · '}Reference: <code data-testid="error-reference">{reference.slice(0, MAX_LENGTH)}</code>
        </>
      )}
    </p>
  );
}
