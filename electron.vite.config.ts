// Three builds into out/: the main process (Node, deps left to node_modules), the preload (sandboxed:
// it cannot require anything but 'electron' at run time, so it is bundled whole, as CommonJS), and
// the renderer (React, root src/renderer).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/contract/content-security-policy';

const root = import.meta.dirname;

/**
 * The meta tag carries the header's policy less `frame-ancestors`, which browsers ignore in a meta tag
 * (and report as a console error). It is what guards the packaged file:// page, which has no headers.
 */
const META_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors '))
  .join('; ');

/**
 * index.html's CSP meta tag must be the shared policy (the build fails otherwise, so the two cannot
 * drift). Only the dev server relaxes it, for React Refresh's inline preamble; builds keep it as is.
 */
function contentSecurityPolicy(): Plugin {
  const metaTag = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/;
  return {
    name: 'dillinger:content-security-policy',
    transformIndexHtml(html, context) {
      const written = metaTag.exec(html)?.[1];
      if (written !== META_POLICY) {
        throw new Error(
          `src/renderer/index.html: the Content-Security-Policy meta tag must read "${META_POLICY}" ` +
            `(src/shared/contract/content-security-policy.ts less frame-ancestors), not "${written ?? '(missing)'}".`,
        );
      }
      if (!context.server) return html;
      const relaxed = written.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
      return html.replace(metaTag, `<meta http-equiv="Content-Security-Policy" content="${relaxed}" />`);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'src/main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'src/preload/index.ts') },
      // A sandboxed preload gets only a tiny `require` (electron and a few built-ins): bundle the rest.
      externalizeDeps: false,
      rolldownOptions: {
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
    plugins: [react(), contentSecurityPolicy()],
  },
});
