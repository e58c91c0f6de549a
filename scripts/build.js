#!/usr/bin/env node
/**
 * Compiles src/ and migrations/ to dist/ with SWC (no type check: that is
 * `npm run typecheck`, run by `.ci/run`), and bundles the browser widget
 * (src/modules/embed/widget/) with esbuild instead: it is not Node code. `--if-stale` skips the build when
 * no source is newer than the last one, so `npm start` is a plain `node`
 * start on an unchanged checkout. Plain JavaScript: it must run before
 * anything is compiled.
 */
const { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { WIDGET_DIR, bundleWidget } = require('./widget-bundle.js');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
const INPUTS = ['src', 'migrations'];
const CONFIGS = ['.swcrc', 'package-lock.json', 'tsconfig.json'];

const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts');

function* sources(dir, wanted = isSource) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && path === WIDGET_DIR && wanted === isSource) continue; // bundled, not compiled
    if (entry.isDirectory()) yield* sources(path, wanted);
    else if (wanted(entry.name)) yield path;
  }
}

/** Data the code reads beside itself (src/modules/search/data/zip-overrides.json, the widget's embed.css): copied as is. */
const dataFiles = (dir) => sources(dir, (name) => (name.endsWith('.json') && name !== 'tsconfig.json') || name.endsWith('.css'));

function newestInput() {
  let newest = 0;
  for (const input of INPUTS) {
    for (const file of [...sources(join(ROOT, input)), ...dataFiles(join(ROOT, input))]) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  for (const file of sources(WIDGET_DIR)) newest = Math.max(newest, statSync(file).mtimeMs);
  for (const file of CONFIGS) newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

function isStale() {
  try {
    return statSync(STAMP).mtimeMs < newestInput();
  } catch {
    return true;
  }
}

function build() {
  const started = Date.now();
  const swc = require('@swc/core');
  const options = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
  let count = 0;
  for (const input of INPUTS) {
    rmSync(join(DIST, input), { recursive: true, force: true }); // no stale output of deleted sources
    for (const file of sources(join(ROOT, input))) {
      const out = join(DIST, relative(ROOT, file)).replace(/\.ts$/, '.js');
      const { code, map } = swc.transformFileSync(file, { ...options, filename: file, sourceFileName: relative(dirname(out), file), swcrc: false });
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
      if (map) writeFileSync(`${out}.map`, map);
      count++;
    }
    for (const file of dataFiles(join(ROOT, input))) {
      const out = join(DIST, relative(ROOT, file));
      mkdirSync(dirname(out), { recursive: true });
      copyFileSync(file, out);
      count++;
    }
  }
  const widgetOut = join(DIST, relative(ROOT, WIDGET_DIR), 'widget.js');
  mkdirSync(dirname(widgetOut), { recursive: true });
  writeFileSync(widgetOut, bundleWidget());
  count++;
  writeFileSync(STAMP, new Date().toISOString());
  console.error(`built ${count} files into dist/ in ${Date.now() - started} ms`);
}

if (!process.argv.includes('--if-stale') || isStale()) build();
