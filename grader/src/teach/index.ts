/** The toolkit hidden tests are written with: teaching assertions, field layouts, seeded randomness. */
export { TeachingError, expectBytes, expectEqual, expectThrows, expectTrue, show } from "./assert.ts";
export type { BytesExpectation, ThrowExpectation, ValueExpectation } from "./assert.ts";
export { diffDump, hex } from "./hexdump.ts";
export { fieldAt } from "./layout.ts";
export type { FieldSpec, Layout } from "./layout.ts";
export { courseSeed, rng } from "./random.ts";
export type { Rng } from "./random.ts";
export { isakmpHeaderLayout } from "./isakmp-layout.ts";
export { fromHexLoose } from "./vectors.ts";
