// A side effect on purpose: main.tsx imports this first, so it runs before App's module creates the
// router (which reads the URL once, when it is created) and before anything renders.
import { withoutFacebookFragment } from './facebookFragment';

const cleanUrl = withoutFacebookFragment(window.location);
if (cleanUrl !== null) window.history.replaceState(window.history.state, '', cleanUrl);
