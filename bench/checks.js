// The check every contender passes before it is timed, in every runtime the bench runs in (Node,
// Deno, workerd): plain JavaScript, no imports.

/** A header of the right shape whose digest is wrong in its last hex digit. */
export function forgedSignature(signature) {
  const last = signature.at(-1) === "0" ? "1" : "0";
  return signature.slice(0, -1) + last;
}

/**
 * Checks that every contender accepts the valid signature and rejects a forged one, on this
 * body, before any timing: a contender that does not verify is not measured.
 */
export async function checkContenders(contenders, body, header) {
  const errors = [];
  for (const contender of contenders) {
    if ((await contender.verify(body, header)) !== true) {
      errors.push(`${contender.name} rejected a valid signature`);
    }
    if ((await contender.verify(body, forgedSignature(header))) !== false) {
      errors.push(`${contender.name} accepted a forged signature`);
    }
  }
  return errors;
}
