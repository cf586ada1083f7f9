/**
 * The TUN addon's build and what the capstone says when there is none.
 * `npm install` runs capstone/tun/build.mjs: it must exit 0 whatever happens
 * and say why it did not build; tunUnavailable() must then tell the learner
 * what to install. Every build here goes to a temporary folder (--dir), so
 * the real capstone/tun/build is never touched.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { COURSE_ROOT } from "../src/paths.ts";
import { openTun, TunError, tunUnavailable } from "../src/tunnel/tun.ts";

const BUILD = join(COURSE_ROOT, "capstone/tun/build.mjs");
const scratch = mkdtempSync(join(tmpdir(), "tun-build-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function build(dir: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [BUILD, "--dir", dir], { encoding: "utf8", env, timeout: 60_000 });
}

const hasCompiler = spawnSync("sh", ["-c", "command -v cc && command -v make && command -v python3"], { stdio: "ignore" }).status === 0;

describe.runIf(process.platform === "linux")("capstone/tun/build.mjs", () => {
  const dir = join(scratch, "no-compiler");

  test("without a compiler: exit 0, one line saying what is missing and how to get it", () => {
    // PATH holds only node's own folder; CC names a file that does not exist.
    const r = build(dir, { PATH: dirname(process.execPath), CC: join(scratch, "no-such-cc") });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toMatch(/^TUN addon \(capstone\/tun\): not built: no C compiler found \(CC=.*no-such-cc is not an executable\); sudo apt-get install python3 make gcc \(Debian\/Ubuntu\), then npm run build:tun$/m);
    expect(readFileSync(join(dir, "build/outcome.txt"), "utf8")).toMatch(/^not built: no C compiler found/);
    expect(existsSync(join(dir, "build/Release/tun.node"))).toBe(false);
  });

  test("tunUnavailable() on that folder repeats why and says what to run; openTun throws it as a TunError", () => {
    const addon = join(dir, "build/Release/tun.node");
    const why = tunUnavailable(addon);
    expect(why).toBe(
      `the TUN addon is not built: no C compiler found (CC=${join(scratch, "no-such-cc")} is not an executable); sudo apt-get install python3 make gcc (Debian/Ubuntu), then npm run build:tun`,
    );
    expect(() => openTun("tun-x", addon)).toThrow(TunError);
    expect(() => openTun("tun-x", addon)).toThrow(why!);
  });

  test("tunUnavailable() without any record of a build still names the fix", () => {
    expect(tunUnavailable(join(scratch, "never-built/build/Release/tun.node"))).toMatch(
      /^the TUN addon is not built \(.*never-built\/build\/Release\/tun\.node is missing\): install a C compiler, make and python3 \(Debian\/Ubuntu: sudo apt-get install python3 make gcc; .*\) and run npm run build:tun$/,
    );
  });

  test.runIf(hasCompiler)("with a compiler: builds tun.node from Node's own headers, and it loads", () => {
    const ok = join(scratch, "built");
    const r = build(ok, process.env);
    expect(r.stdout.trim(), r.stderr).toBe("TUN addon (capstone/tun): built (build/Release/tun.node)");
    expect(tunUnavailable(join(ok, "build/Release/tun.node"))).toBeUndefined();
  });
});

describe("lessons/16-tunnel.md quotes capstone/tun/tun.c", () => {
  test("every C listing in the lesson is in tun.c word for word (a line \"...\" marks a cut)", () => {
    const lesson = readFileSync(join(COURSE_ROOT, "lessons/16-tunnel.md"), "utf8");
    const source = readFileSync(join(COURSE_ROOT, "capstone/tun/tun.c"), "utf8");
    const listings = [...lesson.matchAll(/```c\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(listings.length, "the lesson shows the addon").toBeGreaterThan(0);
    for (const listing of listings) {
      for (const piece of listing.split(/^\s*\.\.\.\s*$/m)) {
        const text = piece.replace(/^\n+|\n+$/g, "");
        if (text) expect(source, `this listing is not (or no longer) in tun.c:\n${text}`).toContain(text);
      }
    }
  });
});
