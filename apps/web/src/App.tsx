import { SsoProvider } from '@sso/client/react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { RequireSession } from './components/RequireSession';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { sso } from './sso';

// The whole route table in one place. Routes nested under RequireSession need a session.
const router = createBrowserRouter([
  { path: '/', element: <Navigate to="/profile" replace /> },
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [{ path: '/profile', element: <ProfilePage /> }],
  },
  { path: '*', element: <NotFoundPage /> },
]);

/** The SPA: the routes above, with the BFF client and the session available to every page. */
export function App() {
  return (
    <SsoProvider client={sso}>
      <RouterProvider router={router} />
    </SsoProvider>
  );
}
