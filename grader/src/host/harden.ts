/**
 * The hidden tests' setup file: runs in each test worker after vitest is
 * set up and before the test file (and so before any learner module) loads.
 *
 * It closes the doors that the import guard (guard.ts) cannot see, because
 * they are reached at run time rather than imported: Node's back doors to
 * built-in modules and to the process, and the built-in objects a comparison
 * relies on. A learner module that tries to use or patch them gets a
 * TypeError, which the grader reports as an error, never as a pass.
 */

import { GRADING_ENV } from "./grading-env.ts";

const blocked = (name: string) => () => {
  throw new TypeError(`process.${name} is not available to exercise code: use the imports the exercise allows.`);
};

// process.getBuiltinModule (Node 20.16+) hands out fs, child_process and the
// rest without an import; binding/dlopen reach native code; kill/abort/chdir
// act on the grader's own process.
const proc = process as unknown as Record<string, unknown>;
// This file runs before every test file of a run, all in one worker: a door
// already closed (fixed by an earlier file, so nothing since can have opened
// it) stays as it is.
for (const name of ["getBuiltinModule", "binding", "_linkedBinding", "dlopen", "reallyExit", "abort", "kill", "chdir", "setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups"]) {
  const d = Object.getOwnPropertyDescriptor(proc, name);
  if (name in proc && !(d && !d.configurable && !d.writable)) Object.defineProperty(proc, name, { value: blocked(name), writable: false, configurable: false });
}

// The built-ins assertions compare with. Frozen, a patch such as
// `Object.is = () => true` throws instead of turning a comparison true.
// Object.prototype, Function.prototype and the Error classes stay open:
// ordinary code assigns `name`, `toString` and the like on its own objects,
// which a frozen prototype would forbid.
const typedArray = Object.getPrototypeOf(Uint8Array) as object;
const intrinsics: object[] = [
  Object, Array, String, Number, Boolean, BigInt, Symbol, Math, JSON, Reflect, Promise, RegExp, Map, Set, WeakMap, WeakSet,
  ArrayBuffer, DataView, typedArray, Uint8Array, Uint16Array, Uint32Array, Int8Array, Int16Array, Int32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array, Uint8ClampedArray,
  TextEncoder, TextDecoder, Buffer,
];
for (const o of intrinsics) {
  Object.freeze(o);
  const proto = (o as { prototype?: object }).prototype;
  if (proto) Object.freeze(proto);
}
Object.freeze(Object.getPrototypeOf([][Symbol.iterator]()));
Object.freeze(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));

// When an instructor grades (GRADING_ENV, set by grade.ts), the crypto
// libraries learner code may import are frozen too: they are what the
// reference solutions and hidden tests compute with, and frozen, their
// exported functions, objects and class prototypes cannot be patched (say,
// `sha256.create` or a hash's `digest`) to make a reference computation agree
// with a wrong answer. Watch mode skips it: loading them costs every save about
// 40 ms, and there a learner could only fool themselves.
if (process.env[GRADING_ENV] === "1") {
  const namespaces: object[] = await Promise.all([
    import("@noble/ciphers/aes.js"),
    import("@noble/ciphers/utils.js"),
    import("@noble/hashes/_md.js"),
    import("@noble/hashes/hkdf.js"),
    import("@noble/hashes/hmac.js"),
    import("@noble/hashes/legacy.js"),
    import("@noble/hashes/sha2.js"),
    import("@noble/hashes/utils.js"),
  ]);
  for (const namespace of namespaces) {
    for (const value of Object.values(namespace)) {
      // Typed arrays (round constants, IVs) cannot be frozen; the hidden tests'
      // fixed vectors, computed elsewhere, catch a patched table.
      if (typeof value !== "function" && (typeof value !== "object" || value === null || ArrayBuffer.isView(value))) continue;
      Object.freeze(value);
      const proto = (value as { prototype?: unknown }).prototype;
      if (typeof proto === "object" && proto !== null) Object.freeze(proto);
    }
  }
}
