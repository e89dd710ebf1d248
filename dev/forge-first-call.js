// Run by a fresh Node process (the Forge bundle test, and `npm run bench` for forge_cold_start):
// loads the bundled backend as Forge does and answers one Forge-shaped call, timing both.
// Usage: node dev/forge-first-call.js <bundle index.cjs> '<call as JSON>'
//   call: { "handler": "handler", "payload": …, "context": … }   the two arguments Forge passes.
// Prints one line `[forge-first-call] {loadMs, firstCallMs, reply}` among the bundle's own log lines. Configuration comes from the environment,
// as Forge variables do (SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, …).
'use strict';
const { performance } = require('node:perf_hooks');

const [bundlePath, callJson] = process.argv.slice(2);
const call = JSON.parse(callJson);
const startedLoading = performance.now();
const bundle = require(bundlePath);
const loadMs = performance.now() - startedLoading;
const startedCall = performance.now();
Promise.resolve(bundle[call.handler](call.payload, call.context)).then(
  (reply) => {
    const firstCallMs = performance.now() - startedCall;
    process.stdout.write(`[forge-first-call] ${JSON.stringify({ loadMs, firstCallMs, reply })}\n`);
  },
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
