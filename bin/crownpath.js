#!/usr/bin/env node
// The crownpath CLI. The code lives in dist/ (npm run build); see src/cli/main.ts.
import { runCli } from '../dist/src/cli/main.js'

process.exitCode = await runCli(process.argv.slice(2))
