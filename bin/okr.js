#!/usr/bin/env node
// The whole binary: everything else lives in src/ and is tested through run().
import { run } from '../dist/cli/run.js';
import { endAsSignalled, processEnvironment } from '../dist/env.js';

process.exitCode = await run(process.argv.slice(2), processEnvironment());
endAsSignalled();
