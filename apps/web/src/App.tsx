import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { RequireSession } from './components/RequireSession';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';

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

/** The SPA: the routes above. */
export function App() {
  return <RouterProvider router={router} />;
}
