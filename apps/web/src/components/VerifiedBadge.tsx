/** "verified" / "not verified" next to an email; nothing when the provider does not say. */
export function VerifiedBadge({ verified }: { verified: boolean | null }) {
  if (verified === null) return null;
  return verified ? <span className="badge badge--ok">verified</span> : <span className="badge badge--warn">not verified</span>;
}
