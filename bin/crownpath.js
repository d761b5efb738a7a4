#!/usr/bin/env node
// The crownpath CLI. The code lives in dist/ (npm run build; dist/cli is its bundle, see
// scripts/build-cli.mjs); the source is src/cli/main.ts.
import { runCli } from '../dist/cli/main.js'

process.exitCode = await runCli(process.argv.slice(2))
