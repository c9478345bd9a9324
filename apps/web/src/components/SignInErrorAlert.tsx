import { messageFor } from '@sso/profile';
import { AlertIcon } from './ErrorNotice';

// The code comes from the URL, so anyone can put anything there; keep what we echo short.
const MAX_CODE_LENGTH = 64;

/** Why the last sign-in failed (from `/login?error=<code>`), with the code for support and a way to dismiss it. */
export function SignInErrorAlert({ code, onDismiss }: { code: string; onDismiss: () => void }) {
  const shownCode = code.length > MAX_CODE_LENGTH ? `${code.slice(0, MAX_CODE_LENGTH)}…` : code;
  return (
    <div className="notice notice--error" role="alert">
      <AlertIcon />
      <div className="notice__body">
        <p className="notice__title">{messageFor(code)}</p>
        <p className="notice__code">
          Error code: <code>{shownCode}</code>
        </p>
      </div>
      <button type="button" className="icon-button notice__dismiss" onClick={onDismiss} aria-label="Dismiss">
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 6l12 12M18 6 6 18" />
        </svg>
      </button>
    </div>
  );
}
