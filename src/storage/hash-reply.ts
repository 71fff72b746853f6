/** A hash as a script hands it back (HGETALL inside Lua: field, value, field, value, …), as an object. */
export function hashOf(flat: readonly string[] | undefined): Record<string, string> {
  const hash: Record<string, string> = {};
  if (flat) for (let i = 0; i + 1 < flat.length; i += 2) hash[flat[i] as string] = flat[i + 1] as string;
  return hash;
}
