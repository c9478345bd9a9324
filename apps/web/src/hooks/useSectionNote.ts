import type { SsoError } from '@sso/client';
import { useCallback, useMemo, useRef, useState, type RefObject } from 'react';

/** The one notice a profile section shows about the last change: it happened, or why it failed. */
export type SectionNote = { kind: 'done'; message: string } | { kind: 'failed'; title: string; error: SsoError };

/** What {@link useSectionNote} gives; ListSection renders it. */
export interface SectionNotes {
  note: SectionNote | null;
  /** On the section's heading, which takes keyboard focus when what had it goes away. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  show: (note: SectionNote | null) => void;
  /** Closes the notice ("×"), with focus to the heading: the button goes away with it. */
  dismiss: () => void;
  focusHeading: () => void;
}

/** The notice of a profile section (connected accounts, signed-in devices, …) and its heading's focus. */
export function useSectionNote(): SectionNotes {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [note, setNote] = useState<SectionNote | null>(null);
  const focusHeading = useCallback(() => headingRef.current?.focus(), []);
  const dismiss = useCallback(() => {
    setNote(null);
    focusHeading();
  }, [focusHeading]);
  return useMemo(() => ({ note, headingRef, show: setNote, dismiss, focusHeading }), [note, dismiss, focusHeading]);
}
