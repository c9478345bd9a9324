import { StatusNotice } from './StatusNotice';
import './InfoNotice.css';

/** A dismissible piece of news ("You were signed out from another device"), announced politely as a status. */
export function InfoNotice({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return <StatusNotice tone="info" message={message} onDismiss={onDismiss} testId="info-notice" />;
}
