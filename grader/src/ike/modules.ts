/**
 * The course modules the IKE peer runs, loaded from the chosen
 * implementation (`--impl exercises` runs the learner's code). The peer
 * relies only on the signatures the chapters 02-10 exercises ask for (the
 * types below are taken from the reference solution, so the compiler checks
 * that the two agree): the step functions are pure over an explicit state,
 * so the peer's job is limited to moving datagrams, keeping the states,
 * timing retransmissions and routing by cookies and Message ID. The tunnel's
 * IKE controller also takes its DPD timer and its rekey schedule from here
 * (chapter 10).
 */
import { loadFunctions, type ImplLoader } from "../impl-loader.ts";

type Sol<P extends string> = P extends "decode" ? typeof import("../../../solutions/02-isakmp-header/decode.ts")
  : P extends "message" ? typeof import("../../../solutions/03-payloads/message.ts")
  : P extends "exchange" ? typeof import("../../../solutions/07-main-mode/exchange.ts")
  : P extends "mm1" ? typeof import("../../../solutions/07-main-mode/message-1.ts")
  : P extends "mm2" ? typeof import("../../../solutions/07-main-mode/message-2.ts")
  : P extends "mm3" ? typeof import("../../../solutions/07-main-mode/message-3.ts")
  : P extends "mm4" ? typeof import("../../../solutions/07-main-mode/message-4.ts")
  : P extends "mm5" ? typeof import("../../../solutions/07-main-mode/message-5.ts")
  : P extends "mm6" ? typeof import("../../../solutions/07-main-mode/message-6.ts")
  : P extends "finish" ? typeof import("../../../solutions/07-main-mode/finish.ts")
  : P extends "retransmit" ? typeof import("../../../solutions/07-main-mode/retransmit.ts")
  : P extends "am1" ? typeof import("../../../solutions/08-aggressive-mode/message-1.ts")
  : P extends "am2" ? typeof import("../../../solutions/08-aggressive-mode/message-2.ts")
  : P extends "am3" ? typeof import("../../../solutions/08-aggressive-mode/message-3.ts")
  : P extends "qm1" ? typeof import("../../../solutions/09-quick-mode/message-1.ts")
  : P extends "qm2" ? typeof import("../../../solutions/09-quick-mode/message-2.ts")
  : P extends "qm3" ? typeof import("../../../solutions/09-quick-mode/message-3.ts")
  : P extends "protect" ? typeof import("../../../solutions/10-informational/protect.ts")
  : P extends "notify" ? typeof import("../../../solutions/10-informational/notify.ts")
  : P extends "dpd" ? typeof import("../../../solutions/10-informational/dpd.ts")
  : P extends "delete" ? typeof import("../../../solutions/10-informational/delete.ts")
  : P extends "rekey" ? typeof import("../../../solutions/10-informational/rekey.ts")
  : never;

export type { Endpoint, IkeSa, Phase1Config, Phase1Mode, Phase1State } from "../../../solutions/07-main-mode/exchange.ts";
export type { ChildSa, Phase2Config } from "../../../solutions/09-quick-mode/proxy-id.ts";
export type { QuickState } from "../../../solutions/09-quick-mode/message-1.ts";
export type { RetransmitPolicy } from "../../../solutions/07-main-mode/retransmit.ts";
export type { TransformSet } from "../../../solutions/04-negotiation/phase2.ts";
export type { Notification } from "../../../solutions/03-payloads/notify-delete.ts";
export type { DpdPolicy } from "../../../solutions/10-informational/dpd.ts";
export type { LiveSa, RekeyPolicy, SaTimes } from "../../../solutions/10-informational/rekey.ts";
export type DpdMonitor = InstanceType<Sol<"dpd">["DpdMonitor"]>;
export type Retransmitter = InstanceType<Sol<"retransmit">["Retransmitter"]>;

export interface IkeModules {
  decodeHeader: Sol<"decode">["decodeHeader"];
  decodeMessage: Sol<"message">["decodeMessage"];
  initiatorState: Sol<"exchange">["initiatorState"];
  mainMode1: Sol<"mm1">["mainMode1"];
  mainMode2: Sol<"mm2">["mainMode2"];
  mainMode3: Sol<"mm3">["mainMode3"];
  mainMode4: Sol<"mm4">["mainMode4"];
  mainMode5: Sol<"mm5">["mainMode5"];
  mainMode6: Sol<"mm6">["mainMode6"];
  mainModeFinish: Sol<"finish">["mainModeFinish"];
  Retransmitter: Sol<"retransmit">["Retransmitter"];
  aggressive1: Sol<"am1">["aggressive1"];
  aggressive2: Sol<"am2">["aggressive2"];
  aggressive3: Sol<"am3">["aggressive3"];
  aggressiveFinish: Sol<"am3">["aggressiveFinish"];
  quick1: Sol<"qm1">["quick1"];
  quick2: Sol<"qm2">["quick2"];
  quick3: Sol<"qm3">["quick3"];
  quickFinish: Sol<"qm3">["quickFinish"];
  sealInformational: Sol<"protect">["sealInformational"];
  openInformational: Sol<"protect">["openInformational"];
  freshMessageId: Sol<"protect">["freshMessageId"];
  isError: Sol<"notify">["isError"];
  errorNotification: Sol<"notify">["errorNotification"];
  clearNotifyMessage: Sol<"notify">["clearNotifyMessage"];
  answerDpd: Sol<"dpd">["answerDpd"];
  rUThere: Sol<"dpd">["rUThere"];
  dpdSequence: Sol<"dpd">["dpdSequence"];
  firstDpdSequence: Sol<"dpd">["firstDpdSequence"];
  dpdNegotiated: Sol<"dpd">["dpdNegotiated"];
  DpdMonitor: Sol<"dpd">["DpdMonitor"];
  applyDelete: Sol<"delete">["applyDelete"];
  deleteIkeSa: Sol<"delete">["deleteIkeSa"];
  deleteChildSas: Sol<"delete">["deleteChildSas"];
  rekeyTimes: Sol<"rekey">["rekeyTimes"];
  rekeyActions: Sol<"rekey">["rekeyActions"];
  outboundSa: Sol<"rekey">["outboundSa"];
}

/** Where each function lives, by exercise. */
const SOURCES: { readonly [file: string]: readonly (keyof IkeModules)[] } = {
  "02-isakmp-header/decode.ts": ["decodeHeader"],
  "03-payloads/message.ts": ["decodeMessage"],
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
  "10-informational/protect.ts": ["sealInformational", "openInformational", "freshMessageId"],
  "10-informational/notify.ts": ["isError", "errorNotification", "clearNotifyMessage"],
  "10-informational/dpd.ts": ["answerDpd", "rUThere", "dpdSequence", "firstDpdSequence", "dpdNegotiated", "DpdMonitor"],
  "10-informational/delete.ts": ["applyDelete", "deleteIkeSa", "deleteChildSas"],
  "10-informational/rekey.ts": ["rekeyTimes", "rekeyActions", "outboundSa"],
};

/** The exercises the peer runs, for messages that say what to finish first. */
export const ENGINE_EXERCISES: readonly string[] = Object.keys(SOURCES).map((f) => f.replace(/\.ts$/, ""));

/**
 * Imports every module the peer needs from one implementation. A missing
 * file or export is reported with the exercise that provides it; a stub
 * still loads (it throws "not started" only when the peer calls it).
 */
export async function loadIkeModules(loader: ImplLoader): Promise<IkeModules> {
  const out: Partial<Record<keyof IkeModules, unknown>> = {};
  for (const [file, names] of Object.entries(SOURCES)) {
    const mod = await loadFunctions(loader, file, names);
    for (const name of names) out[name] = mod[name];
  }
  return out as IkeModules;
}
