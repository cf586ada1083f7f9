#!/usr/bin/env node
/**
 * Builds the TUN addon (tun.c -> build/Release/tun.node) at `npm install`.
 *
 * It never fails the install: chapters 1-15 need no addon, and macOS,
 * Windows or a machine without a compiler must still install the course.
 * It prints one line, "built" or exactly what is missing, and writes the same
 * line to build/outcome.txt, where the tunnel daemon finds it to explain
 * itself (grader/src/tunnel/tun.ts, tunUnavailable).
 *
 *   node capstone/tun/build.mjs [--verbose] [--dir DIR]
 *     --verbose  show node-gyp's whole output
 *     --dir DIR  build a copy of tun.c and binding.gyp in DIR instead of here
 *
 * node-gyp is told `--nodedir=<prefix of the running node>`: the headers
 * that come with Node itself, so nothing is downloaded (a fresh machine
 * without internet has no header cache).
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const dirAt = args.indexOf("--dir");
const dir = dirAt >= 0 && args[dirAt + 1] ? resolve(args[dirAt + 1]) : HERE;
const FIX = "sudo apt-get install python3 make gcc (Debian/Ubuntu), then npm run build:tun";

/** Prints the outcome, records it for tunUnavailable(), and ends with status 0 whatever happened. */
function finish(line) {
  try {
    mkdirSync(join(dir, "build"), { recursive: true });
    writeFileSync(join(dir, "build", "outcome.txt"), line + "\n");
  } catch {
    // a read-only checkout: the printed line is all there is
  }
  console.log(`TUN addon (capstone/tun): ${line}`);
  process.exit(0);
}

/** The full path of an executable: `name` itself if it has a slash, else the first match on PATH. */
function which(name) {
  const candidates = name.includes("/") ? [name] : (process.env.PATH ?? "").split(delimiter).filter(Boolean).map((d) => join(d, name));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

try {
  if (process.platform !== "linux") {
    finish(`not built: TUN devices need Linux and this is ${process.platform}; run the capstone in a Linux VM (capstone/README.md)`);
  }

  // node-gyp's Makefile compiles with $CC (default cc) and links with $LINK.
  const ccWord = process.env.CC?.trim().split(/\s+/)[0];
  const cc = ccWord ? which(ccWord) : (which("cc") ?? which("gcc") ?? which("clang"));
  if (!cc) {
    finish(`not built: no C compiler found (${ccWord ? `CC=${process.env.CC} is not an executable` : "no cc, gcc or clang on PATH"}); ${FIX}`);
  }
  if (!which("make")) finish(`not built: make not found on PATH; ${FIX}`);
  const python = process.env.npm_config_python || process.env.PYTHON || which("python3");
  if (!python) finish(`not built: python3 not found (node-gyp runs gyp, a Python program); ${FIX}`);

  // The headers that belong to this very node: <prefix>/include/node/node_api.h.
  const prefix = dirname(dirname(process.execPath));
  if (!existsSync(join(prefix, "include/node/node_api.h"))) {
    finish(`not built: Node's C headers are missing (${join(prefix, "include/node/node_api.h")}); install Node from nodejs.org or NodeSource (they include them) or your distribution's libnode-dev, then npm run build:tun`);
  }
  const gyp = process.env.npm_config_node_gyp || join(prefix, "lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js");
  if (!isAbsolute(gyp) || !existsSync(gyp)) finish(`not built: node-gyp not found (looked for ${gyp}, which npm normally bundles); reinstall npm, then npm run build:tun`);

  if (dir !== HERE) {
    mkdirSync(dir, { recursive: true });
    for (const f of ["tun.c", "binding.gyp"]) copyFileSync(join(HERE, f), join(dir, f));
  }
  // Link with the C compiler: gyp's default linker is the C++ one (g++), which a C-only machine lacks.
  const env = { ...process.env, LINK: process.env.LINK ?? cc, PYTHON: python };
  const run = spawnSync(process.execPath, [gyp, "rebuild", `--nodedir=${prefix}`], {
    cwd: dir,
    env,
    encoding: "utf8",
    stdio: verbose ? "inherit" : "pipe",
  });
  if (run.status === 0 && existsSync(join(dir, "build/Release/tun.node"))) finish("built (build/Release/tun.node)");
  if (verbose) finish(`not built: node-gyp failed (exit ${run.status}), see its output above`);
  // The compiler's complaint, without gyp's own bookkeeping lines.
  const tail = `${run.stdout ?? ""}\n${run.stderr ?? run.error?.message ?? ""}`
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^gyp (info|verb|http)|^gyp ERR! (cwd|node -v|node-gyp -v|command|System|not ok|stack)|^make(\[\d+\])?: (Entering|Leaving)/.test(l))
    .slice(-4)
    .join(" | ");
  finish(`not built: node-gyp failed: ${tail}; npm run build:tun shows everything`);
} catch (e) {
  finish(`not built: ${e instanceof Error ? e.message : String(e)}`);
}
