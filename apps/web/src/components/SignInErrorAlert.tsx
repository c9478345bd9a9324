import { messageFor } from '@sso/profile';
import { CodeAlert } from './CodeAlert';

/** Why the last sign-in failed (from `/login?error=<code>`), with the code for support and a way to dismiss it. */
export function SignInErrorAlert({ code, onDismiss }: { code: string; onDismiss: () => void }) {
  return <CodeAlert message={messageFor(code)} code={code} onDismiss={onDismiss} />;
}
