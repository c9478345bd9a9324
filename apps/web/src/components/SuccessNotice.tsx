import { StatusNotice } from './StatusNotice';

/** A dismissible confirmation ("GitHub is now connected"), announced politely as a status. */
export function SuccessNotice({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return <StatusNotice tone="success" message={message} onDismiss={onDismiss} />;
}
