/** An ISO 8601 instant as a short local date and time ("12 Mar 2025, 14:03"); the input itself when unparsable. */
export function formatLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
