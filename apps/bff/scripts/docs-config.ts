// `pnpm docs:config`: rewrites the README's configuration table and the whole .env.example from
// the config schema (apps/bff/src/config/variables). test/unit/configDocs.test.ts fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderConfigDocs } from '../src/config/docs.js';

const root = new URL('../../../', import.meta.url);
const readmeFile = new URL('README.md', root);
const envExampleFile = new URL('.env.example', root);

const { readme, envExample } = renderConfigDocs(readFileSync(readmeFile, 'utf8'));
writeFileSync(readmeFile, readme);
writeFileSync(envExampleFile, envExample);
console.log('docs:config: wrote README.md (configuration table) and .env.example');
