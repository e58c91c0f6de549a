/**
 * Bundles the embeddable widget (src/modules/embed/widget/widget.ts, browser TypeScript) into the one
 * file served as GET /embed/widget.js, with esbuild: ES2019 for the browsers partner sites still see,
 * minified, the licence banner (`/*!`) kept. scripts/build.js writes the result into dist/; under Jest
 * and ts-node, embed-assets.ts calls this in memory (esbuild is a dev dependency, absent in the image,
 * which only ever reads the built file). Plain JavaScript: build.js runs before anything is compiled.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const WIDGET_DIR = join(__dirname, '..', 'src', 'modules', 'embed', 'widget');

/** The source's leading `/*! … *\/` licence comment, put first in the bundle (esbuild would nest it in the IIFE). */
function licenceBanner(source) {
  const match = /^\/\*![\s\S]*?\*\//.exec(source);
  if (!match) throw new Error('widget.ts must start with its /*! licence comment');
  return match[0];
}

function bundleWidget() {
  const esbuild = require('esbuild');
  const entry = join(WIDGET_DIR, 'widget.ts');
  const result = esbuild.buildSync({
    entryPoints: [entry],
    banner: { js: licenceBanner(readFileSync(entry, 'utf8')) },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    tsconfig: join(WIDGET_DIR, 'tsconfig.json'),
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

module.exports = { WIDGET_DIR, bundleWidget };
