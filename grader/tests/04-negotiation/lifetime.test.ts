/** Hidden tests for 04-negotiation/lifetime: min(offered, own) and RESPONDER-LIFETIME (RFC 2407 sections 4.5.4 and 4.6.3.1). */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, fromHexLoose, rng } from "@teach";
import { responderLifetime, responderLifetimeNotification } from "@impl/04-negotiation/lifetime.ts";
import * as ref from "@ref/04-negotiation/lifetime.ts";
import { encodeNotification } from "@ref/03-payloads/notify-delete.ts";

/** Cisco IOS's default IPsec SA lifetime: 3600 seconds and 4608000 kilobytes. */
const CISCO = { seconds: 3600, kilobytes: 4608000 };
const SPI = fromHexLoose("a1b2c3d4");

describe("step 1: the lifetime the responder keeps", () => {
  test("strongSwan's 3960 s meets Cisco's 3600 s and 4608000 KB", () => {
    expectEqual(responderLifetime({ seconds: 3960 }, CISCO), { lifetime: CISCO, shortened: true }, {
      what: "responderLifetime({seconds: 3960}, {seconds: 3600, kilobytes: 4608000})",
      why: "strongSwan offers rekey time + 10 %; the responder keeps the shorter 3600 s and adds its kilobyte limit, which the initiator did not set: both must be announced.",
    });
  });
  test("an offer within the responder's limits is kept as it is", () => {
    expectEqual(responderLifetime({ seconds: 1800, kilobytes: 100000 }, CISCO), { lifetime: { seconds: 1800, kilobytes: 100000 }, shortened: false }, { what: "responderLifetime({1800 s, 100000 KB}, Cisco's defaults)", why: "both offered limits are shorter: nothing to announce." });
    expectEqual(responderLifetime({ seconds: 28800 }, {}), { lifetime: { seconds: 28800 }, shortened: false }, { what: "responderLifetime({28800 s}, no limits of its own)" });
    expectEqual(responderLifetime(CISCO, CISCO), { lifetime: CISCO, shortened: false }, { what: "responderLifetime(equal lifetimes)", why: "equal is not shorter." });
  });
});

describe("step 2: the RESPONDER-LIFETIME notification", () => {
  test("ESP, the responder's SPI, two life types as data", () => {
    const n = responderLifetimeNotification(3, SPI, CISCO);
    expectBytes(encodeNotification(n), fromHexLoose("00000001 03 04 6000 a1b2c3d4   8001 0001 8002 0e10   8001 0002 0002 0004 00465000"), {
      what: "encodeNotification(responderLifetimeNotification(ESP, a1b2c3d4, 3600 s + 4608000 KB))",
      layout: [
        { name: "Domain of interpretation", offset: 0, length: 4 },
        { name: "Protocol ID", offset: 4, length: 1 },
        { name: "SPI Size", offset: 5, length: 1 },
        { name: "Notify Message Type", offset: 6, length: 2 },
        { name: "SPI", offset: 8, length: 4 },
        { name: "SA-Life-Type (seconds)", offset: 12, length: 4 },
        { name: "SA-Life-Duration 3600", offset: 16, length: 4 },
        { name: "SA-Life-Type (kilobytes)", offset: 20, length: 4 },
        { name: "SA-Life-Duration 4608000", offset: 24, length: 8 },
      ],
      why: "RFC 2407 section 4.6.3.1: DOI IPSEC, the SA's protocol, the responder's inbound SPI, type 24576 (0x6000), then the lifetimes as SA attributes, seconds first.",
    });
  });
  test("random lifetimes agree with the reference", () => {
    const r = rng("lifetime");
    const one = () => ({ ...(r.int(0, 2) ? { seconds: r.int(60, 200000) } : {}), ...(r.int(0, 1) ? { kilobytes: r.int(1000, 9000000) } : {}) });
    for (let i = 0; i < 200; i++) {
      const offered = one();
      const own = one();
      const got = responderLifetime(offered, own);
      const want = ref.responderLifetime(offered, own);
      expectEqual(got, want, { what: `responderLifetime(${JSON.stringify(offered)}, ${JSON.stringify(own)})` });
      const spi = r.bytes(4);
      const protocolId = r.pick([2, 3]);
      expectEqual(responderLifetimeNotification(protocolId, spi, want.lifetime), ref.responderLifetimeNotification(protocolId, spi, want.lifetime), {
        what: `responderLifetimeNotification(${protocolId}, SPI, ${JSON.stringify(want.lifetime)})`,
      });
    }
  });
});
