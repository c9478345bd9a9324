export { createDemoApi, type DemoApiOptions } from './app.js';
export { startDemoApi, type RunningDemoApi, type StartDemoApiOptions } from './start.js';
export { type ActiveToken } from './introspection.js';
