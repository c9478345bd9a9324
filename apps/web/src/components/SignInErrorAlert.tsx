import { isErrorCode, messageFor } from '@sso/profile';
import { CodeAlert } from './CodeAlert';

/**
 * Why the last sign-in failed (from `/login?error=<code>`), with the code for support and a way to
 * dismiss it. Anyone can write that URL, so only our own codes are shown with their message; any
 * other text is never echoed and gets one neutral sentence.
 */
export function SignInErrorAlert({ code, onDismiss }: { code: string; onDismiss: () => void }) {
  return <CodeAlert message={messageFor(code)} code={isErrorCode(code) ? code : undefined} onDismiss={onDismiss} />;
}
