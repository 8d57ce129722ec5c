#!/usr/bin/env node
// The headless CLI entry (`npx godata-bridge …`): runs the TypeScript engine through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/bin.ts');
