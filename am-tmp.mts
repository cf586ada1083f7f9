import { randomBytes } from "node:crypto";
import { initiatorState } from "./solutions/07-main-mode/exchange.ts";
import { aggressive1 } from "./solutions/08-aggressive-mode/message-1.ts";
import { aggressive2 } from "./solutions/08-aggressive-mode/message-2.ts";
import { aggressive3, aggressiveFinish } from "./solutions/08-aggressive-mode/message-3.ts";
import { seedInitiatorConfig, seedResponderConfig } from "./grader/src/pcap/scenarios/seed-config.ts";
const rnd = (n: number) => new Uint8Array(randomBytes(n));
const one = aggressive1(initiatorState("aggressive", seedInitiatorConfig(rnd)));
const two = aggressive2(seedResponderConfig(rnd), one.send!);
const three = aggressive3(one.state, two.send!);
const fin = aggressiveFinish(two.state, three.send!);
console.log(one.send!.length, two.send!.length, three.send!.length);
const a = three.established!, b = fin.established!;
console.log(Buffer.from(a.lastIv).equals(Buffer.from(b.lastIv)), Buffer.from(a.keys.skeyid_d).equals(Buffer.from(b.keys.skeyid_d)), a.nat, b.nat, a.local, b.local, a.peerId, b.peerId);
try { aggressive3(one.state, aggressive2({ ...seedResponderConfig(rnd), psk: new TextEncoder().encode("x") }, one.send!).send!); } catch (e) { console.log(String(e)); }
