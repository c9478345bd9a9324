import { createHash } from 'node:crypto';
import { BoundedMemo } from '../boundedMemo.js';

/** Every request with a session hashes its id at least once: the recent ones are remembered. */
const rowIds = new BoundedMemo<string>(10_000);

/**
 * A session's row id: its cookie id, hashed. Session ids are stored hashed, so a leaked database
 * does not hand out live sessions; the sealed tokens of a session are bound to this same id.
 */
export function sessionRowId(id: string): string {
  return rowIds.get(id) ?? rowIds.set(id, createHash('sha256').update(id).digest('base64url'));
}
