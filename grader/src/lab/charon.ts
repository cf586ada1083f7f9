/**
 * strongSwan's IKE daemon, charon, run inside one namespace of a Lab: the
 * right side of `ipsec-course lab up --right strongswan`, and the peer of the
 * interop tests.
 *
 * Each charon gets its own folder: strongswan.conf (STRONGSWAN_CONF), a
 * swanctl folder (SWANCTL_DIR), and a private /run (its pid file path is
 * compiled in): `unshare -m` gives the process its own mount table, where
 * `<dir>/run` is bind-mounted over /run. Everything charon itself opens
 * (its configuration, vici socket, log) lives in that folder and is named
 * by the path charon sees (/run/...), so the folder may itself be under
 * /run; swanctl, outside that mount table, uses the real paths. The kernel
 * here has no ESP, so the data plane is kernel-libipsec, loaded before
 * kernel-netlink: charon makes a TUN device (ipsec0), routes the remote
 * subnet into it (table 220) and uses NAT-T (ESP in UDP 4500) always. Log
 * levels ike/enc/chd 4 print every key and IV charon derives, which is what
 * the interop tests compare our code with.
 */
import type { ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Lab, type Namespace, stopPid, stopProcess, waitFor } from "./netns.ts";

export const CHARON = "/usr/lib/ipsec/charon";

const PLUGINS = "random nonce openssl aes sha1 sha2 md5 hmac gmp kernel-libipsec kernel-netlink socket-default vici";

export interface Charon {
  readonly ns: Namespace;
  readonly dir: string;
  readonly pid: number;
  readonly logFile: string;
  readonly viciUri: string;
  /** What swanctl needs to find this charon (its strongswan.conf names the vici socket). */
  readonly swanctlEnv: { readonly STRONGSWAN_CONF: string; readonly SWANCTL_DIR: string };
  /** `swanctl <args...> --uri <this charon>`: the options go after the command. */
  swanctl(args: readonly string[]): string;
  log(): string;
  /** SIGTERM by default; SIGKILL plays a crash: charon sends no Delete and leaves its peer's SAs in place. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface PskConnection {
  readonly name: string;
  readonly local: Pick<Namespace, "address">;
  readonly remote: Pick<Namespace, "address">;
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
  /** Run on after the caller exits (`ipsec-course lab up`); stopped later by its PID. */
  readonly detached?: boolean;
}

/** The folder charon's private /run is made from: charon sees `<dir>/run/x` as `/run/x`. */
const runDir = (dir: string) => join(dir, "run");

/** strongswan.conf: charon's plugins, vici socket and log by the paths it sees; swanctl's socket by the real one. */
function strongswanConf(dir: string, options: CharonOptions): string {
  return `charon {
  load = ${PLUGINS}
  i_dont_care_about_security_and_use_aggressive_mode_psk = ${options.aggressivePsk ? "yes" : "no"}
  plugins {
    vici {
      socket = unix:///run/charon.vici
    }
  }
  filelog {
    main {
      path = /run/charon.log
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
  socket = unix://${join(runDir(dir), "charon.vici")}
  load = pem pkcs1 x509 revocation constraints pubkey openssl random
}
`;
}

/** Starts charon in `ns` with `swanctlConf` loaded; resolves once its vici socket answers. */
export async function startCharon(lab: Lab, ns: Namespace, dir: string, swanctlConf: string, options: CharonOptions = {}): Promise<Charon> {
  const run = runDir(dir);
  const swanctlDir = join(dir, "swanctl");
  mkdirSync(run, { recursive: true });
  mkdirSync(swanctlDir, { recursive: true });
  const socket = join(run, "charon.vici");
  const logFile = join(run, "charon.log");
  const conf = join(run, "strongswan.conf");
  writeFileSync(conf, strongswanConf(dir, options));
  writeFileSync(join(swanctlDir, "swanctl.conf"), swanctlConf);
  const swanctlEnv = { STRONGSWAN_CONF: conf, SWANCTL_DIR: swanctlDir };
  const argv = ["unshare", "-m", "sh", "-c", `mount --bind '${run}' /run && STRONGSWAN_CONF=/run/strongswan.conf exec ${CHARON}`];
  const outputFile = join(dir, "charon.out");
  let child: ChildProcess;
  if (options.detached) {
    const fd = openSync(outputFile, "a");
    child = lab.spawn(ns, argv, {}, { detached: true, outputFd: fd });
    closeSync(fd);
  } else {
    child = lab.spawn(ns, argv);
  }
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once("exit", () => (exited = true));
  const viciUri = `unix://${socket}`;
  const pid = child.pid!;
  const charon: Charon = {
    ns,
    dir,
    pid,
    logFile,
    viciUri,
    swanctlEnv,
    swanctl: (args) => lab.exec(ns, ["swanctl", ...args, "--uri", viciUri], swanctlEnv),
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
    stop: async (signal) => {
      if (options.detached) await stopPid(pid, 3000, signal);
      else await stopProcess(child, 3000, signal);
    },
  };
  try {
    await waitFor(() => existsSync(socket) || exited, `charon's vici socket in ${ns.name}`);
    if (exited) throw new Error(`charon in ${ns.name} exited: ${output || (existsSync(outputFile) ? readFileSync(outputFile, "utf8") : "")}`);
    charon.swanctl(["--load-all", "--noprompt"]);
  } catch (e) {
    await charon.stop();
    throw e;
  }
  return charon;
}
