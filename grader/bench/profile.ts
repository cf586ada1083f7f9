/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went:
 * self time per function, and the same time grouped into the stages of the
 * tunnel's data path. Self time is the time a function was on top of the
 * stack, so the groups add up to the whole run without counting twice.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** Microseconds on the system's monotonic clock, the one process.hrtime reads. */
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface FunctionTime {
  readonly name: string;
  /** file:line, relative to node_modules or the repository where possible. */
  readonly where: string;
  readonly group: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Share of the total per group, largest first. */
  readonly groups: { readonly group: string; readonly ms: number; readonly share: number }[];
  readonly top: FunctionTime[];
}

/**
 * The stages of the data path, matched in order against "file function".
 * The first match wins, so the specific ones come first.
 */
const GROUPS: readonly (readonly [string, RegExp])[] = [
  ["copies (concatenation)", /\bconcatBytes$/],
  ["crypto: AES-CBC", /node:internal\/crypto\/cipher|@noble\/ciphers|13-esp\/cipher\.ts/],
  ["crypto: HMAC/SHA", /node:internal\/crypto\/hash|@noble\/hashes|12-ah\/integrity\.ts/],
  ["TUN I/O", /tunnel\/tun\.ts|capstone\/tun/],
  ["UDP send/receive", /node:dgram|node:internal\/dgram|node:internal\/udp|ike\/udp\.ts/],
  ["ESP/IPv4 headers (solutions)", /solutions\/|exercises\//],
  ["tunnel glue (data plane, daemon)", /grader\/src\/tunnel|grader\/src\/ike/],
];

/** The stage a function belongs to, from its file and name; V8's own entries by their names. */
function groupOf(url: string, name: string): string {
  if (name === "(garbage collector)") return "GC";
  if (name === "(idle)") return "idle (waiting for I/O)";
  if (name === "(program)" || name === "(root)") return "native (V8, libuv, system calls)";
  const key = `${url} ${name}`;
  for (const [group, re] of GROUPS) if (re.test(key)) return group;
  return "other JavaScript";
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + "node_modules/".length);
  const m = /(solutions|exercises|grader)\/.*$/.exec(url);
  return m ? m[0] : url.replace(/^file:\/\//, "");
}

/** A stretch of time on the monotonic clock, in microseconds: `monotonicUs()` before and after. */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

/** Now on the clock V8 stamps its samples with (CLOCK_MONOTONIC, shared by every process on the machine). */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** Self time per function, grouped; only the samples inside `window` when one is given (another process's profile too). */
export function summarizeProfile(path: string, topN = 12, window?: Window): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // Each sample is the node on top of the stack; its delta is the time since the previous sample.
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  const perFunction = new Map<string, { name: string; where: string; group: string; us: number }>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || "(anonymous)";
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
    const k = `${name} ${where}`;
    const entry = perFunction.get(k) ?? { name, where, group: groupOf(url, name), us: 0 };
    entry.us += us;
    perFunction.set(k, entry);
    totalUs += us;
  }
  const groups = new Map<string, number>();
  for (const f of perFunction.values()) groups.set(f.group, (groups.get(f.group) ?? 0) + f.us);
  const share = (us: number) => (totalUs > 0 ? us / totalUs : 0);
  return {
    totalMs: totalUs / 1000,
    groups: [...groups].sort((a, b) => b[1] - a[1]).map(([group, us]) => ({ group, ms: us / 1000, share: share(us) })),
    top: [...perFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((f) => ({ name: f.name, where: f.where, group: f.group, ms: f.us / 1000, share: share(f.us) })),
  };
}

export function printProfile(title: string, s: ProfileSummary): void {
  const pct = (x: number) => `${(100 * x).toFixed(1).padStart(5)} %`;
  console.log(`\n${title}: ${s.totalMs.toFixed(0)} ms sampled`);
  for (const g of s.groups) console.log(`  ${pct(g.share)}  ${g.group}`);
  console.log("  top functions by self time:");
  for (const f of s.top) console.log(`  ${pct(f.share)}  ${f.name}  ${f.where}  [${f.group}]`);
}
