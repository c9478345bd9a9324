/** Thrown when the database cannot be reached or migrated at start-up; the message is safe to print. */
export class DatabaseStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseStartError';
  }
}
