import type { ReactNode } from 'react';
import { DismissButton } from './DismissButton';

const ICONS: Record<'success' | 'info', ReactNode> = {
  success: <path d="m7.5 12.5 3 3 6-6.5" />,
  info: <path d="M12 11v6m0-9.5v.5" />,
};

/** A dismissible notice announced politely as a status: a success, or a piece of news. */
export function StatusNotice({
  tone,
  message,
  onDismiss,
  testId,
}: {
  tone: 'success' | 'info';
  message: string;
  onDismiss: () => void;
  testId?: string;
}) {
  return (
    <div className={`notice notice--${tone}`} role="status" data-testid={testId}>
      <svg className="notice__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="10" />
        {ICONS[tone]}
      </svg>
      <div className="notice__body">
        <p className="notice__title">{message}</p>
      </div>
      <DismissButton onClick={onDismiss} />
    </div>
  );
}
