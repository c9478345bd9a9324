import { useState } from 'react';

/** Up to two initials from a name (or an email's local part), for the placeholder avatar. */
export function initialsOf(label: string): string {
  const words = label
    .split('@')[0]!
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return letters.map((word) => Array.from(word)[0]!.toUpperCase()).join('') || '?';
}

interface AvatarProps {
  url: string | null;
  /** Who this is, for the alt text and the initials. */
  label: string;
}

/** The user's picture from the provider, or their initials when there is none or it fails to load. */
export function Avatar({ url, label }: AvatarProps) {
  // Remember which URL failed, so a new URL (after a session re-check) gets a fresh chance.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  if (url && url !== failedUrl) {
    return (
      <img
        className="avatar"
        data-testid="profile-avatar"
        src={url}
        alt={`Profile picture of ${label}`}
        width={88}
        height={88}
        // Some providers' image hosts refuse hot-linked requests that carry a referrer.
        referrerPolicy="no-referrer"
        onError={() => setFailedUrl(url)}
      />
    );
  }
  return (
    <div className="avatar avatar--placeholder" data-testid="profile-avatar" role="img" aria-label={`Profile picture of ${label}`}>
      {initialsOf(label)}
    </div>
  );
}
