/**
 * The course modules the IKE peer runs, loaded from the chosen
 * implementation (`--impl exercises` runs the learner's code). The peer
 * relies only on the signatures below, which are those the chapters 07-10
 * exercises ask for: the step functions are pure over an explicit state, so
 * the peer's job is limited to moving datagrams, keeping the states, timing
 * retransmissions and routing by cookies and Message ID.
 */
import type { Endpoint, IkeSa, Phase1Config, Phase1Mode, Phase1State, Step } from "../../../solutions/07-main-mode/exchange.ts";
import type { IsakmpHeader } from "../../../solutions/02-isakmp-header/header.ts";
import type { IsakmpMessage, Payload } from "../../../solutions/03-payloads/message.ts";
import type { IpsecSuite, Lifetime } from "../../../solutions/04-negotiation/ipsec-transform.ts";
import type { Preference } from "../../../solutions/04-negotiation/phase1.ts";
import type { TransformSet } from "../../../solutions/04-negotiation/phase2.ts";
import type { RandomSource } from "../../../solutions/05-diffie-hellman/keypair.ts";
import type { ImplLoader } from "../impl-loader.ts";

export type { Endpoint, IkeSa, IpsecSuite, Lifetime, Phase1Config, Phase1Mode, Phase1State, TransformSet };

/** Chapter 09's quick mode settings: the seed's crypto map (ACL, transform sets, PFS). */
export interface Phase2Config {
  readonly localSubnet: string;
  readonly remoteSubnet: string;
  readonly sets: readonly TransformSet[];
  readonly lifetime: Lifetime;
  readonly prefer: Preference;
  readonly nonceBytes: number;
  readonly random: RandomSource;
}

export interface ChildSaKeys {
  readonly spi: number;
  readonly encKey: Uint8Array;
  readonly integKey: Uint8Array;
}

/** One negotiated IPsec SA pair (chapter 09). */
export interface ChildSa {
  readonly protocol: "ESP" | "AH";
  readonly mode: "tunnel" | "transport";
  readonly udpEncapsulation: boolean;
  readonly encryption?: string;
  readonly integrity: string;
  /** What we receive with: the SPI we chose. */
  readonly inbound: ChildSaKeys;
  /** What we send with: the SPI the peer chose. */
  readonly outbound: ChildSaKeys;
  readonly lifetime: Lifetime;
  readonly localSubnet: string;
  readonly remoteSubnet: string;
  readonly messageId: number;
  readonly pfs: boolean;
}

/** A quick mode exchange in progress: only the chapter 09 code looks inside. */
export type QuickState = object;

export interface RetransmitPolicy {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
  readonly tries: number;
}

/** Chapter 07's retransmission and duplicate logic, pure over time. */
export interface Retransmitter {
  /** After sending a message; `awaitAnswer` false for a last message nobody answers. */
  sent(datagram: Uint8Array, now: number, awaitAnswer?: boolean): void;
  due(now: number): Uint8Array | "give-up" | undefined;
  nextDeadline(): number | undefined;
  received(datagram: Uint8Array): "new" | "duplicate";
  /** The peer's message was processed: it answered ours, so ours is not sent again. */
  accepted(datagram: Uint8Array): void;
  replyTo(duplicate: Uint8Array): Uint8Array | undefined;
}

type Phase1Step = (state: Phase1State, datagram: Uint8Array) => Step<Phase1State>;

export interface IkeModules {
  decodeHeader(datagram: Uint8Array): IsakmpHeader;
  decodeMessage(datagram: Uint8Array): IsakmpMessage;
  encodeMessage(m: IsakmpMessage): Uint8Array;
  initiatorState(mode: Phase1Mode, config: Phase1Config): Phase1State;
  mainMode1(state: Phase1State): Step<Phase1State>;
  mainMode2(config: Phase1Config, datagram: Uint8Array): Step<Phase1State>;
  mainMode3: Phase1Step;
  mainMode4: Phase1Step;
  mainMode5: Phase1Step;
  mainMode6: Phase1Step;
  mainModeFinish: Phase1Step;
  aggressive1(state: Phase1State): Step<Phase1State>;
  aggressive2(config: Phase1Config, datagram: Uint8Array): Step<Phase1State>;
  aggressive3: Phase1Step;
  aggressiveFinish: Phase1Step;
  quick1(ike: IkeSa, config: Phase2Config, messageId?: number): { state: QuickState; send: Uint8Array };
  quick2(ike: IkeSa, config: Phase2Config, datagram: Uint8Array): { state: QuickState; send: Uint8Array };
  quick3(state: QuickState, datagram: Uint8Array): { send: Uint8Array; child: ChildSa };
  quickFinish(state: QuickState, datagram: Uint8Array): { child: ChildSa };
  sealInformational(ike: IkeSa, messageId: number, payloads: Payload[]): Uint8Array;
  openInformational(ike: IkeSa, datagram: Uint8Array): { messageId: number; payloads: Payload[] };
  Retransmitter: new (policy: RetransmitPolicy) => Retransmitter;
}

/** Where each function lives, by exercise. */
const SOURCES: { readonly [file: string]: readonly (keyof IkeModules)[] } = {
  "02-isakmp-header/decode.ts": ["decodeHeader"],
  "03-payloads/message.ts": ["decodeMessage", "encodeMessage"],
  "07-main-mode/exchange.ts": ["initiatorState"],
  "07-main-mode/message-1.ts": ["mainMode1"],
  "07-main-mode/message-2.ts": ["mainMode2"],
  "07-main-mode/message-3.ts": ["mainMode3"],
  "07-main-mode/message-4.ts": ["mainMode4"],
  "07-main-mode/message-5.ts": ["mainMode5"],
  "07-main-mode/message-6.ts": ["mainMode6"],
  "07-main-mode/finish.ts": ["mainModeFinish"],
  "07-main-mode/retransmit.ts": ["Retransmitter"],
  "08-aggressive-mode/message-1.ts": ["aggressive1"],
  "08-aggressive-mode/message-2.ts": ["aggressive2"],
  "08-aggressive-mode/message-3.ts": ["aggressive3", "aggressiveFinish"],
  "09-quick-mode/message-1.ts": ["quick1"],
  "09-quick-mode/message-2.ts": ["quick2"],
  "09-quick-mode/message-3.ts": ["quick3", "quickFinish"],
  "10-informational/protect.ts": ["sealInformational", "openInformational"],
};

/** The exercises the peer runs, for messages that say what to finish first. */
export const ENGINE_EXERCISES: readonly string[] = Object.keys(SOURCES).map((f) => f.replace(/\.ts$/, ""));

/**
 * Imports every module the peer needs from one implementation. A missing
 * file or export is reported with the exercise that provides it; a stub
 * still loads (it throws "not implemented" only when the peer calls it).
 */
export async function loadIkeModules(loader: ImplLoader): Promise<IkeModules> {
  const out: Partial<Record<keyof IkeModules, unknown>> = {};
  for (const [file, names] of Object.entries(SOURCES)) {
    const mod = await loader.load<Record<string, unknown>>(file);
    for (const name of names) {
      if (typeof mod[name] !== "function") throw new Error(`${file} in ${loader.implDir} does not export ${name} (exercise ${file.replace(/\.ts$/, "")})`);
      out[name] = mod[name];
    }
  }
  return out as IkeModules;
}
