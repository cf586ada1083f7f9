/**
 * strongSwan's IKE daemon, charon, run inside one namespace of a Lab.
 *
 * Each charon gets its own folder: strongswan.conf (STRONGSWAN_CONF), a
 * swanctl folder (SWANCTL_DIR), its vici socket, its log, and a private /run
 * (its pid file path is compiled in): `unshare -m` gives the process its own
 * mount table, where that folder is bind-mounted over /run. The kernel here
 * has no ESP, so the data plane is kernel-libipsec, loaded before
 * kernel-netlink; it makes charon use NAT-T (UDP 4500) from main mode
 * message 5 on. Log levels ike/enc/chd 4 print every key and IV charon
 * derives, which is what the interop tests compare our code with.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Lab, type Namespace, stopProcess, waitFor } from "./netns.ts";

export const CHARON = "/usr/lib/ipsec/charon";

const PLUGINS = "random nonce openssl aes sha1 sha2 md5 hmac gmp kernel-libipsec kernel-netlink socket-default vici";

export interface Charon {
  readonly ns: Namespace;
  readonly dir: string;
  readonly logFile: string;
  readonly viciUri: string;
  /** `swanctl <args...> --uri <this charon>`: the options go after the command. */
  swanctl(args: readonly string[]): string;
  log(): string;
  /** SIGTERM by default; SIGKILL plays a crash: charon sends no Delete and leaves its peer's SAs in place. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface PskConnection {
  readonly name: string;
  readonly local: Namespace;
  readonly remote: Namespace;
  /** strongSwan proposal syntax, e.g. "aes128-sha1-modp1024". */
  readonly proposal: string;
  readonly psk: string;
  /** Seconds; sent exactly (no over_time or rand_time added). */
  readonly lifetime: number;
  /** Traffic selectors of the quick mode that follows main mode. */
  readonly localTs: string;
  readonly remoteTs: string;
  /** Aggressive mode instead of main mode (a responder also needs `aggressivePsk` in startCharon). */
  readonly aggressive?: boolean;
  /** The quick mode proposal; "aes128-sha1" (the seed's transform set) unless given. A group, as in "aes128-sha1-modp1024", asks for PFS. */
  readonly espProposals?: string;
  /** Seconds of silence before charon sends an RFC 3706 R-U-THERE (0 or absent: no DPD). */
  readonly dpdDelay?: number;
}

/** A swanctl.conf for IKEv1 main (or aggressive) mode with a pre-shared key and ID_IPV4_ADDR identities. */
export function ikev1PskConfig(c: PskConnection): string {
  return `connections {
  ${c.name} {
    version = 1
    aggressive = ${c.aggressive ? "yes" : "no"}
    local_addrs = ${c.local.address}
    remote_addrs = ${c.remote.address}
    proposals = ${c.proposal}
    rekey_time = ${c.lifetime}s
    reauth_time = 0s
    over_time = 0s
    rand_time = 0s
    dpd_delay = ${c.dpdDelay ?? 0}s
    local {
      auth = psk
      id = ${c.local.address}
    }
    remote {
      auth = psk
      id = ${c.remote.address}
    }
    children {
      net {
        local_ts = ${c.localTs}
        remote_ts = ${c.remoteTs}
        esp_proposals = ${c.espProposals ?? "aes128-sha1"}
      }
    }
  }
}
secrets {
  ike-${c.name} {
    id-1 = ${c.local.address}
    id-2 = ${c.remote.address}
    secret = "${c.psk}"
  }
}
`;
}

export interface CharonOptions {
  /**
   * Answer aggressive mode with a pre-shared key. strongSwan refuses it as a
   * responder ("Aggressive Mode PSK disabled for security reasons") unless
   * this deliberately long option is set: chapter 08 shows why.
   */
  readonly aggressivePsk?: boolean;
}

export async function startCharon(lab: Lab, ns: Namespace, dir: string, swanctlConf: string, options: CharonOptions = {}): Promise<Charon> {
  const run = join(dir, "run");
  const swanctlDir = join(dir, "swanctl");
  mkdirSync(run, { recursive: true });
  mkdirSync(swanctlDir, { recursive: true });
  const socket = join(dir, "charon.vici");
  const logFile = join(dir, "charon.log");
  const conf = join(dir, "strongswan.conf");
  writeFileSync(
    conf,
    `charon {
  load = ${PLUGINS}
  i_dont_care_about_security_and_use_aggressive_mode_psk = ${options.aggressivePsk ? "yes" : "no"}
  plugins {
    vici {
      socket = unix://${socket}
    }
  }
  filelog {
    main {
      path = ${logFile}
      default = 1
      ike = 4
      enc = 4
      chd = 4
      net = 2
      flush_line = yes
    }
  }
  syslog {
    daemon {
      default = -1
    }
  }
}
swanctl {
  load = pem pkcs1 x509 revocation constraints pubkey openssl random
}
`,
  );
  writeFileSync(join(swanctlDir, "swanctl.conf"), swanctlConf);
  const env = { STRONGSWAN_CONF: conf, SWANCTL_DIR: swanctlDir };
  const child: ChildProcess = lab.spawn(ns, ["unshare", "-m", "sh", "-c", `mount --bind '${run}' /run && exec ${CHARON}`], env);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const viciUri = `unix://${socket}`;
  const charon: Charon = {
    ns,
    dir,
    logFile,
    viciUri,
    swanctl: (args) => lab.exec(ns, ["swanctl", ...args, "--uri", viciUri], env),
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
    stop: (signal) => stopProcess(child, 3000, signal),
  };
  try {
    await waitFor(() => existsSync(socket) || child.exitCode !== null, `charon's vici socket in ${ns.name}`);
    if (child.exitCode !== null) throw new Error(`charon in ${ns.name} exited (${child.exitCode}): ${output}`);
    charon.swanctl(["--load-all", "--noprompt"]);
  } catch (e) {
    await charon.stop();
    throw e;
  }
  return charon;
}

export interface LogDump {
  /** The label charon printed, e.g. "SKEYID_e", "HASH_I", "encryption key Ka". */
  readonly label: string;
  /** The two-digit thread number that printed it. */
  readonly thread: string;
  readonly bytes: Uint8Array;
}

/**
 * Every hex dump in a charon log, in order: a line "<label> => N bytes @ 0x..."
 * followed by N bytes of lines "   0: 7E DD 88 ...".
 */
export function charonDumps(log: string): LogDump[] {
  const lines = log.split("\n");
  const out: LogDump[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^(\d\d)\[\w+\] (.*?) => (\d+) bytes @ /.exec(lines[i]!);
    if (!head) continue;
    const [, thread, label, count] = head;
    const hex: string[] = [];
    for (let j = i + 1; j < lines.length && hex.length < Number(count); j++) {
      const row = /^\d\d\[\w+\]\s+\d+: ((?:[0-9A-F]{2} ){0,15}[0-9A-F]{2})/.exec(lines[j]!);
      if (!row) break;
      hex.push(...row[1]!.split(" "));
    }
    if (hex.length !== Number(count)) continue;
    out.push({ label: label!.trim(), thread: thread!, bytes: Uint8Array.from(hex.map((h) => parseInt(h, 16))) });
  }
  return out;
}

/** The labels charon prints (level 4) for the phase 1 values, by the course's names for them. */
export const PHASE1_DUMPS: Readonly<Record<string, string>> = {
  gxy: "shared Diffie Hellman secret",
  skeyid: "SKEYID",
  skeyid_d: "SKEYID_d",
  skeyid_a: "SKEYID_a",
  skeyid_e: "SKEYID_e",
  encKey: "encryption key Ka",
  iv: "initial IV",
};

/** The last dump of each label in a charon log, as hex, keyed like `labels`; throws for a label charon did not print. */
export function lastDumps(log: string, labels: Readonly<Record<string, string>>): Record<string, string> {
  const dumps = charonDumps(log);
  const out: Record<string, string> = {};
  for (const [key, label] of Object.entries(labels)) {
    const d = dumps.filter((x) => x.label === label).at(-1);
    if (!d) throw new Error(`charon's log has no "${label}" dump`);
    out[key] = Buffer.from(d.bytes).toString("hex");
  }
  return out;
}
