/**
 * TUN devices for the tunnel daemon, through the small C addon in
 * capstone/tun/tun.c (built at `npm install` by capstone/tun/build.mjs).
 *
 * A TUN device is an IP interface whose other end is this process: packets
 * the kernel routes into it arrive in `onPacket`, packets passed to `write`
 * come out of it as if received from a network (linux
 * Documentation/networking/tuntap.rst). The device is not persistent: the
 * kernel deletes it, with its addresses and routes, when `close` closes the
 * file descriptor or the process ends.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { COURSE_ROOT } from "../paths.ts";

export interface TunDevice {
  /** The kernel's name (may differ from the one asked for: "tun%d" becomes "tun0"). */
  readonly name: string;
  /** One IPv4/IPv6 packet per call, no packet-information header. A later call replaces the handler. */
  onPacket(handler: (packet: Uint8Array) => void): void;
  /**
   * Sends one packet into the kernel, as if it had arrived on this interface.
   * Returns false when the kernel's queue is full (EAGAIN): the packet is
   * dropped, as a full network card would drop it, and nothing waits.
   * Throws TunError on any other failure (a closed device, a malformed packet).
   */
  write(packet: Uint8Array): boolean;
  /** Stops reading and closes the fd, which deletes the device. Idempotent; never blocks. */
  close(): void;
}

export class TunError extends Error {
  override readonly name = "TunError";
  /** The errno name from the system ("EPERM", "ENOENT", ...), when there is one. */
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/** Where build.mjs puts the addon. */
export const ADDON_PATH = join(COURSE_ROOT, "capstone/tun/build/Release/tun.node");
/** build.mjs writes its one-line outcome here, so the daemon can repeat why the build failed. */
export const BUILD_OUTCOME = "outcome.txt";

const FIX_BUILD =
  "install a C compiler, make and python3 (Debian/Ubuntu: sudo apt-get install python3 make gcc; Fedora: sudo dnf install python3 make gcc) and run npm run build:tun";

/** What the C addon exports (capstone/tun/tun.c). */
interface NativeTun {
  readonly name: string;
  write(packet: Uint8Array): boolean;
  close(): void;
}
interface Addon {
  open(name: string, onPacket: (packet: Uint8Array) => void): NativeTun;
}

const loaded = new Map<string, Addon | string>();

/** The addon, or the sentence saying why it cannot be used. Loaded once per path. */
function loadAddon(addonPath: string): Addon | string {
  const cached = loaded.get(addonPath);
  if (cached !== undefined) return cached;
  let result: Addon | string;
  if (process.platform !== "linux") {
    result = `TUN devices need Linux and this is ${process.platform}: run the capstone in a Linux VM (capstone/README.md, "Two virtual machines")`;
  } else if (!existsSync(addonPath)) {
    // build.mjs recorded why it did not build (its line already ends with the fix).
    const outcomeFile = join(dirname(dirname(addonPath)), BUILD_OUTCOME);
    const outcome = existsSync(outcomeFile) ? readFileSync(outcomeFile, "utf8").trim() : "";
    result = outcome.startsWith("not built: ")
      ? `the TUN addon is not built: ${outcome.slice("not built: ".length)}`
      : `the TUN addon is not built (${relative(COURSE_ROOT, addonPath)} is missing): ${FIX_BUILD}`;
  } else {
    try {
      result = createRequire(import.meta.url)(addonPath) as Addon;
    } catch (e) {
      result = `the TUN addon ${relative(COURSE_ROOT, addonPath)} does not load (${(e as Error).message}); rebuild it with npm run build:tun`;
    }
  }
  loaded.set(addonPath, result);
  return result;
}

/** Why the addon is unusable here, in words a learner can act on; undefined when it works. */
export function tunUnavailable(addonPath = ADDON_PATH): string | undefined {
  const addon = loadAddon(addonPath);
  return typeof addon === "string" ? addon : undefined;
}

/** What to do about the errors opening a TUN device can meet. */
function openAdvice(code: string | undefined, name: string): string {
  switch (code) {
    case "EPERM":
    case "EACCES":
      return "creating a network interface needs root: run it with sudo (or give node the CAP_NET_ADMIN capability)";
    case "ENOENT":
    case "ENODEV":
    case "ENXIO":
      return "this system has no /dev/net/tun: load the driver with sudo modprobe tun (in a container: --device /dev/net/tun --cap-add NET_ADMIN)";
    case "EBUSY":
      return `a device named ${name} is already in use (another tunnel?): stop it or choose another "tun" name`;
    case "EINVAL":
      return `${name} already exists and is not a TUN device, or the name is not valid: choose another "tun" name`;
    default:
      return "";
  }
}

/** The addon's Error (message and errno name in .code) as a TunError, with advice when there is some. */
function tunError(e: unknown, what: string, advise: (code: string | undefined) => string = () => ""): TunError {
  const code = (e as { code?: unknown }).code;
  const errno = typeof code === "string" ? code : undefined;
  const advice = advise(errno);
  return new TunError(`${what}: ${(e as Error).message}${advice ? `: ${advice}` : ""}`, errno);
}

/**
 * Creates the TUN device `name` (IFF_TUN | IFF_NO_PI), down and without an
 * address: the caller configures it with `ip`. Throws TunError saying what
 * is missing when the addon cannot be used or the kernel refuses.
 */
export function openTun(name: string, addonPath = ADDON_PATH): TunDevice {
  const addon = loadAddon(addonPath);
  if (typeof addon === "string") throw new TunError(addon);
  let handler: ((packet: Uint8Array) => void) | undefined;
  let native: NativeTun;
  try {
    // Packets that arrive before a handler is set are dropped (a new device is down, so there are none).
    native = addon.open(name, (packet) => handler?.(packet));
  } catch (e) {
    throw tunError(e, `cannot create TUN device ${name}`, (code) => openAdvice(code, name));
  }
  return {
    name: native.name,
    onPacket(h) {
      handler = h;
    },
    write(packet) {
      try {
        return native.write(packet);
      } catch (e) {
        throw tunError(e, native.name);
      }
    },
    close() {
      native.close();
    },
  };
}
