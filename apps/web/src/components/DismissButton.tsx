/** The "×" that closes a notice; its accessible name is "Dismiss". */
export function DismissButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="icon-button notice__dismiss" onClick={onClick} aria-label="Dismiss">
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M6 6l12 12M18 6 6 18" />
      </svg>
    </button>
  );
}
