import './UnavailableStatus.css';

/**
 * A small line above a page that stays on screen while the BFF is temporarily unavailable (a
 * background session check got a 503): what is shown is as last loaded, and the check repeats on
 * its own. Announced politely: nothing the user did failed.
 */
export function UnavailableStatus({ onRetry }: { onRetry: () => void }) {
  return (
    <div className="unavailable-status" role="status" data-testid="unavailable-status">
      <span className="badge badge--warn">Temporarily unavailable</span>
      <span className="unavailable-status__text">Shown as last loaded; trying again by itself.</span>
      <button type="button" className="button button--secondary button--small unavailable-status__action" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
