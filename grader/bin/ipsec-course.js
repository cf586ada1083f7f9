#!/usr/bin/env node
// The course is TypeScript end to end; tsx lets Node 20 run it without a build step.
// The course's own tsconfig is named explicitly so `@course/...` imports in
// learner code resolve whatever the current directory is (`pcap`, `keys`).
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
const { cli } = await import("../src/cli.ts");
await cli(process.argv.slice(2));
