/**
 * Checks a value against the subset of JSON Schema the project's schemas use
 * (type, const, enum, required, properties, additionalProperties: false,
 * items, minimum, $ref to #/$defs). Returns the problems found, by path.
 */
type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

export function schemaProblems(value: unknown, schema: Schema, root: Schema = schema, at = "$"): string[] {
  if (typeof schema.$ref === "string") return schemaProblems(value, (root.$defs as Record<string, Schema>)[schema.$ref.replace("#/$defs/", "")]!, root, at);
  const out: string[] = [];
  if ("const" in schema && value !== schema.const) out.push(`${at}: must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === "integer" && types.includes("number"))) return [...out, `${at}: is ${t}, want ${types.join(" or ")}`];
  }
  if (typeof schema.minimum === "number" && typeof value === "number" && value < schema.minimum) out.push(`${at}: below ${schema.minimum}`);
  if (typeOf(value) === "object") {
    const o = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const k of (schema.required ?? []) as string[]) if (!(k in o)) out.push(`${at}: missing "${k}"`);
    for (const [k, v] of Object.entries(o)) {
      if (props[k]) out.push(...schemaProblems(v, props[k], root, `${at}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${at}: unexpected "${k}"`);
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => out.push(...schemaProblems(v, schema.items as Schema, root, `${at}[${i}]`)));
  return out;
}

/** Well-formed XML, checked by hand: every tag closed in order, attributes quoted, entities known. */
export function xmlProblems(text: string): string[] {
  const stack: string[] = [];
  const body = text.replace(/^<\?xml[^?]*\?>\s*/, "");
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos);)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (!m[2]) return [`stray "${m[0]}" at ${m.index}`];
    if (m[1]) {
      if (stack.pop() !== m[2]) return [`</${m[2]}> closes the wrong element at ${m.index}`];
    } else if (!m[4]) stack.push(m[2]);
  }
  return stack.length ? [`unclosed: ${stack.join(", ")}`] : [];
}
