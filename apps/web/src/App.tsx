import { SsoProvider } from '@sso/client/react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { RequireSession } from './components/RequireSession';
import { lazyPage } from './lazyPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { sso } from './sso';

// The signed-in pages are chunks of their own: the sign-in page, the first one most visitors
// see, loads only its own code (see scripts/bundle-size.mjs).
const ProfilePage = lazyPage(() => import('./pages/ProfilePage').then((page) => page.ProfilePage), 'Loading your profile…');

/**
 * The SPA: the whole route table in one place, with the BFF client and the session available to
 * every page. Routes nested under RequireSession need a session. Declarative routes (no loaders,
 * actions or route-level errors are used) keep react-router's data router out of the bundle: it
 * would add about 16 KB gzip to the sign-in page. Pages load data with hooks/useLoad instead.
 */
export function App() {
  return (
    <SsoProvider client={sso}>
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<Navigate to="/profile" replace />} />
          <Route path="/login" element={<LoginPage />} />
          {/* The page's code is fetched while the session is checked, not after. */}
          <Route element={<RequireSession preload={ProfilePage.preload} />}>
            <Route path="/profile" element={<ProfilePage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </BrowserRouter>
    </SsoProvider>
  );
}
