#!/usr/bin/env node
// The operator CLI (import, keys, migrate, demo), compiled into dist/ by `npm run build`.
require('../dist/src/cli/main.js');
