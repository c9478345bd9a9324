import { Link } from 'react-router-dom';
import { PageShell } from '../components/PageShell';

/** Any path without a route. */
export function NotFoundPage() {
  return (
    <PageShell>
      <title>Not found</title>
      <h1 className="card__title">Not found</h1>
      <p className="card__subtitle">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <Link to="/" className="button button--primary button--block">
        Go to the home page
      </Link>
    </PageShell>
  );
}
