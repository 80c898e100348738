#!/usr/bin/env node
// The `vheat` command (package bin): runs src/cli/main.ts through tsx's ESM loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
