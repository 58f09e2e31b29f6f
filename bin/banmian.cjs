#!/usr/bin/env node
// `npx banmian …`: runs the bundled CLI (dist/cli.cjs, built by `npm install` through the
// `prepare` script, or by `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('banmian: the CLI is not built yet; run `npm run build` (or `npm install`) in the Banmian folder\n');
  process.exit(2);
}
require(cli);
