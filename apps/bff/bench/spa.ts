import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const webDir = fileURLToPath(new URL('../../web', import.meta.url));
const distDir = join(webDir, 'dist');
/** The web app's own measure, when it has one (another package owns it: used as is). */
const webScript = join(webDir, 'scripts', 'bundle-size.mjs');

export interface SpaFigures {
  /** gzip bytes of the JavaScript the sign-in page loads, or null when the SPA is not built. */
  gzipBytes: number | null;
  /** How it was counted, for the report. */
  method: string;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
}

const gzipped = (file: string) => gzipSync(readFileSync(join(distDir, file))).length;

/** The entry `index.html` and its static imports, recursively (the chunks loaded before the page runs). */
function fromManifest(manifest: Record<string, ManifestChunk>): number {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  visit('index.html');
  return [...seen].reduce((sum, key) => sum + (manifest[key]!.file.endsWith('.js') ? gzipped(manifest[key]!.file) : 0), 0);
}

/** Every script and modulepreload that dist/index.html names. */
function fromIndexHtml(): number {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g))
    files.add(match[1]!);
  return [...files].reduce((sum, file) => sum + gzipped(file), 0);
}

/** The sign-in page's JavaScript, gzip: by the web app's script if it exists, else by its manifest, else by index.html. */
export async function measureSpa(): Promise<SpaFigures> {
  if (!existsSync(join(distDir, 'index.html'))) return { gzipBytes: null, method: 'apps/web/dist is not built' };
  let scriptProblem = '';
  if (existsSync(webScript)) {
    try {
      const module = (await import(pathToFileURL(webScript).href)) as { signInPageJsBytes?: (dist: string) => number | { total: number } };
      const measured = module.signInPageJsBytes?.(distDir);
      const total = typeof measured === 'number' ? measured : measured?.total;
      if (typeof total === 'number')
        return {
          gzipBytes: total,
          method: 'apps/web/scripts/bundle-size.mjs signInPageJsBytes(): index.html and its static imports in the Vite manifest, gzip each',
        };
      scriptProblem = '; bundle-size.mjs gave no total';
    } catch (err) {
      // A build older than the manifest setting, say: count what index.html loads instead.
      scriptProblem = `; bundle-size.mjs: ${(err as Error).message.split('\n')[0]}`;
    }
  }
  const manifestFile = join(distDir, '.vite', 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
    return {
      gzipBytes: fromManifest(manifest),
      method: `dist/.vite/manifest.json: index.html and its static imports, gzip each${scriptProblem}`,
    };
  }
  return { gzipBytes: fromIndexHtml(), method: `every script dist/index.html loads, gzip each (no manifest${scriptProblem})` };
}
