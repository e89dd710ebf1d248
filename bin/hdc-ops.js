#!/usr/bin/env node
'use strict';
// The CLI runs from the compiled output: `npm run build` (npm start and npm run bench build first).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('hdc-ops is not built yet: run `npm run build` first.\n');
  process.exit(2);
}
require(entry).main();
