export { demoUsers, type DemoUser } from './accounts.js';
export { defaultDevClient, type DevIdpClient } from './clients.js';
export { startDevIdp, type DevIdp, type DevIdpOptions } from './start.js';
export { freePort } from './ports.js';
