/**
 * The tunnel benchmark's "where the time goes" (grader/bench/profile.ts) on
 * a small hand-made V8 CPU profile: self time per function, the stages it is
 * grouped into, and the window that keeps only the samples taken while
 * iperf3 ran.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { summarizeProfile } from "../bench/profile.ts";

const dir = mkdtempSync(join(tmpdir(), "bench-profile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const frame = (functionName: string, url = "") => ({ functionName, url, lineNumber: 0 });

/** Five functions on top of the stack in turn; sample i is taken `10 * (i + 1)` µs after the start. */
function writeProfile(): string {
  const profile = {
    startTime: 1_000_000,
    nodes: [
      { id: 1, callFrame: frame("(root)"), children: [2, 3, 4, 5, 6] },
      { id: 2, callFrame: frame("update", "node:internal/crypto/cipher") },
      { id: 3, callFrame: frame("Hmac", "node:internal/crypto/hash") },
      { id: 4, callFrame: frame("sealEsp", "file:///course/solutions/13-esp/encapsulate.ts") },
      { id: 5, callFrame: frame("(garbage collector)") },
      { id: 6, callFrame: frame("(idle)") },
    ],
    // AES 3 samples, HMAC 2, ESP framing 2, GC 1, idle 2: every delta 10 µs.
    samples: [2, 2, 3, 4, 2, 3, 4, 5, 6, 6],
    timeDeltas: Array(10).fill(10),
  };
  const path = join(dir, "test.cpuprofile");
  writeFileSync(path, JSON.stringify(profile));
  return path;
}

describe("profile summary", () => {
  const path = writeProfile();

  test("self time per function, shares of the total, largest first", () => {
    const s = summarizeProfile(path);
    expect(s.totalMs).toBeCloseTo(0.1);
    expect(s.top.map((f) => [f.name, f.ms * 1000])).toEqual([
      ["update", 30],
      ["Hmac", 20],
      ["sealEsp", 20],
      ["(idle)", 20],
      ["(garbage collector)", 10],
    ]);
    expect(s.top[0]!.share).toBeCloseTo(0.3);
  });

  test("functions grouped into the stages of the data path by file", () => {
    const groups = Object.fromEntries(summarizeProfile(path).groups.map((g) => [g.group, Math.round(g.share * 100)]));
    expect(groups).toEqual({
      "crypto: AES-CBC": 30,
      "crypto: HMAC/SHA": 20,
      "ESP/IPv4 headers (solutions)": 20,
      "idle (waiting for I/O)": 20,
      GC: 10,
    });
  });

  test("a window keeps only the samples stamped inside it", () => {
    // Samples 3 to 5 (stamped 1_000_030 .. 1_000_050 µs): Hmac, sealEsp, update.
    const s = summarizeProfile(path, 12, { fromUs: 1_000_030, toUs: 1_000_050 });
    expect(s.totalMs * 1000).toBeCloseTo(30);
    expect(s.top.map((f) => f.name).sort()).toEqual(["Hmac", "sealEsp", "update"]);
  });
});
