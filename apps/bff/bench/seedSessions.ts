import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/store/index.js';
import type { SessionsTable } from '../src/store/schema.js';

/** Stored sessions are spread over this many users, so that no one user holds an absurd number. */
const SESSIONS_PER_USER = 100;

/**
 * Writes `count` signed-in sessions into the SQLite file a running BFF uses, through the BFF's own
 * store module on a connection of the bench's (WAL lets both write): rows the BFF never loads unless
 * a browser presents their cookie, so its memory must not grow with them. Each is a copy of the
 * newest signed-in session (a real sign-in's), with its own id, public id and user.
 */
export async function seedSqliteSessions(filename: string, count: number): Promise<void> {
  const template = newestSession(filename);
  const store = await openStore({ kind: 'sqlite', filename }, { logger: createLogger('silent') });
  try {
    const now = Date.now();
    const data = JSON.parse(template.data) as Record<string, unknown> & { provider: string; sid: string | null; userAgent: string | null };
    let userId = '';
    for (let i = 0; i < count; i += 1) {
      if (i % SESSIONS_PER_USER === 0) {
        const identity = {
          provider: data.provider,
          subject: `seeded-${randomBytes(8).toString('hex')}`,
          name: 'Seeded User',
          email: null,
          emailVerified: null,
          avatarUrl: null,
        };
        userId = (await store.users.signIn(identity, now)).user.id;
      }
      const publicId = randomBytes(16).toString('base64url');
      await store.sessions.set(randomBytes(32).toString('base64url'), {
        data: { ...data, userId, publicId },
        expiresAt: template.expires_at,
        // The template's sealed tokens are bound to its own row: never opened here, only stored (same size).
        sealedTokens: template.tokens,
        meta: {
          userId,
          publicId,
          provider: data.provider,
          subject: `seeded-${i}`,
          sid: data.sid,
          createdAt: now,
          lastSeenAt: now,
          userAgent: data.userAgent,
        },
      });
    }
  } finally {
    await store.close();
  }
}

/** The row of the newest signed-in session, read straight from the file (the cookie format is the BFF's business). */
function newestSession(filename: string): Pick<SessionsTable, 'data' | 'tokens' | 'expires_at'> {
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT data, tokens, expires_at FROM sessions WHERE user_id IS NOT NULL ORDER BY rowid DESC LIMIT 1').get();
    if (!row) throw new Error('no signed-in session in the database to copy');
    return row as Pick<SessionsTable, 'data' | 'tokens' | 'expires_at'>;
  } finally {
    db.close();
  }
}
