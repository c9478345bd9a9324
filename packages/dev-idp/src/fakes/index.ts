export type { FakeClient, FakeGitHubUser, FakeOptions, FakeProvider, FakeServer, FakeUser } from './types.js';
export { fakeAccountId, fakeDefaults, fakeUsers } from './defaults.js';
export { startFakeFacebook, type FakeFacebookOptions } from './facebook.js';
export { startFakeGitHub } from './github.js';
export { startFakeSimpleLogin } from './simplelogin.js';
export { startFakeGoogle } from './google.js';
export { startFakes, type RunningFakes, type StartFakesOptions } from './startFakes.js';
