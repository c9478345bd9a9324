import type { ReactNode } from 'react';
import type { SectionNotes } from '../hooks/useSectionNote';
import { CodeAlert } from './CodeAlert';
import { SuccessNotice } from './SuccessNotice';

interface ListSectionProps {
  /** `data-testid`, and the heading's id with `-title`. */
  name: string;
  className: string;
  title: string;
  intro: ReactNode;
  notes: SectionNotes;
  children: ReactNode;
}

/**
 * A list on the profile page (connected accounts, signed-in devices): its heading and intro, the
 * notice about the last change (a polite success, or an alert with the error code), then the list.
 */
export function ListSection({ name, className, title, intro, notes, children }: ListSectionProps) {
  const { note, headingRef, dismiss } = notes;
  return (
    <section className={className} data-testid={name} aria-labelledby={`${name}-title`}>
      <h2 ref={headingRef} tabIndex={-1} id={`${name}-title`} className="section__title">
        {title}
      </h2>
      <p className="section__intro">{intro}</p>

      {note?.kind === 'done' && <SuccessNotice message={note.message} onDismiss={dismiss} />}
      {note?.kind === 'failed' && (
        <CodeAlert
          title={note.title}
          message={note.error.message}
          code={note.error.code}
          reference={note.error.requestId}
          onDismiss={dismiss}
        />
      )}
      {children}
    </section>
  );
}
