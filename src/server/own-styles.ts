import type { Plugin } from 'vite';

import { sha256Source } from './own-scripts';

// The site's own stylesheets: the CSS Vite compiles from src/ (src/styles/global.css and any component's
// <style>). Astro inlines it into each page (build.inlineStylesheets: 'always', so a phone on 2G paints
// the first screen without a second round trip), and the Content-Security-Policy allows those inline
// stylesheets by their SHA-256. The list of allowed hashes is taken here, from the stylesheets the build
// compiled, never from whatever the built pages contain: a <style> that reaches a page any other way
// fails the build (headers-integration.ts).

export interface OwnStyles {
  /** Added to Vite's build: sees every CSS file the bundle emits, before Astro inlines it. */
  plugin: Plugin;
  /** The CSP sources of the stylesheets seen so far (read after the build). */
  hashes: () => string[];
}

export function ownStyles(): OwnStyles {
  const sheets = new Set<string>();
  const plugin: Plugin = {
    name: 'own-styles',
    apply: 'build',
    // A normal plugin: runs before Astro's inlining ('post'), which takes the CSS files out of the bundle,
    // and before Vite removes the marker it appends to each CSS file for its hashing (Vite's own pattern).
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'asset' && file.fileName.endsWith('.css') && typeof file.source === 'string') {
          sheets.add(file.source.replace(/\/\*\$vite\$:\d+\*\//, ''));
        }
      }
    },
  };
  return { plugin, hashes: () => [...sheets].map(sha256Source) };
}
