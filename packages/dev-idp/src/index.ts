export { demoUsers, type DemoUser } from './accounts.js';
export { defaultDevClient, defaultResourceServer, type DevIdpClient, type DevIdpResourceServer } from './clients.js';
export { startDevIdp, type DevIdp, type DevIdpOptions } from './start.js';
export { freePort } from './ports.js';
export {
  fakeAccountId,
  fakeDefaults,
  fakeUsers,
  startFakeFacebook,
  startFakeGitHub,
  startFakeGoogle,
  startFakes,
  startFakeSimpleLogin,
  type FakeClient,
  type FakeFacebookOptions,
  type FakeGitHubUser,
  type FakeOptions,
  type FakeProvider,
  type FakeServer,
  type FakeUser,
  type RunningFakes,
  type StartFakesOptions,
} from './fakes/index.js';
