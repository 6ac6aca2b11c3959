#!/usr/bin/env node
// The package's command-line entry: runs the compiled CLI, or says how to build it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('hailong chưa được build. Chạy "npm run build" (hoặc "npm start") trước.');
  process.exit(1);
}
await import(entry.href);
