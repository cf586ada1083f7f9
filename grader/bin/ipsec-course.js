#!/usr/bin/env node
// The course is TypeScript end to end; tsx lets Node 20 run it without a build step.
import { register } from "tsx/esm/api";

register();
const { cli } = await import("../src/cli.ts");
await cli(process.argv.slice(2));
