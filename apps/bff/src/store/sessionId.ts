import { createHash } from 'node:crypto';

/**
 * A session's row id: its cookie id, hashed. Session ids are stored hashed, so a leaked database
 * does not hand out live sessions; the sealed tokens of a session are bound to this same id.
 */
export function sessionRowId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
