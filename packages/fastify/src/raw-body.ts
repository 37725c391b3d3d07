import type { FastifyInstance, FastifyRequest } from "fastify";

/** Where the content-type parser leaves the bytes it read, for the verification hook. */
export const RAW_BODY = Symbol("hubsig.rawBody");

interface RawBodySlot {
  [RAW_BODY]: Buffer | null;
}

// Content-Type headers moved out of Fastify's way while the body is parsed (see below). Rare,
// so kept here rather than in a slot that every request would carry.
const contentTypesAside = new WeakMap<object, string>();

/**
 * Makes this context read every body as raw bytes, whatever its content type, with at most
 * `maxBytes`: the JSON and text parsers it inherited are removed here only, so routes outside
 * this context keep Fastify's own.
 */
export function installRawBodyParser(instance: FastifyInstance, maxBytes: number): void {
  instance.decorateRequest(RAW_BODY, null);
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser(
    "*",
    { parseAs: "buffer", bodyLimit: maxBytes },
    (request, body, done) => {
      (request as unknown as RawBodySlot)[RAW_BODY] = body as Buffer;
      // request.body stays undefined until the hook sets the verified payload.
      done(null, undefined);
    },
  );
}

const EMPTY = new Uint8Array(0);

/**
 * The bytes of the request body as this context's parser read them; zero bytes for a request
 * framed without a body (no `Transfer-Encoding`, `Content-Length` absent or 0), which Fastify
 * hands to the route without running a parser; `undefined` when another parser took the body.
 */
export function rawBodyOf(request: FastifyRequest): Uint8Array | undefined {
  const raw = (request as unknown as RawBodySlot)[RAW_BODY];
  if (raw !== null) return raw;
  if (request.body !== undefined) return undefined;
  const length = request.headers["content-length"];
  const framedEmpty =
    request.headers["transfer-encoding"] === undefined &&
    (length === undefined || length.trim() === "0");
  return framedEmpty ? EMPTY : undefined;
}

// A media type as Fastify 5 accepts one: `type/subtype`, optionally followed by parameters.
const WELL_FORMED_MEDIA_TYPE = /^\s*[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+\s*(?:;|$)/;

/**
 * Fastify 5 answers a request whose Content-Type is empty or not `type/subtype` with its own
 * 415 before any parser runs, where the other adapters verify it (an empty Content-Type is
 * also how some senders say "no type" on a body-less delivery). In this context every type
 * goes to the raw parser anyway, so such a header is moved aside while Fastify parses and put
 * back by {@link restoreContentType} before anyone reads it.
 */
export function setContentTypeAside(request: FastifyRequest): void {
  const headers = request.raw.headers;
  const contentType = headers["content-type"];
  if (contentType === undefined || WELL_FORMED_MEDIA_TYPE.test(contentType)) return;
  contentTypesAside.set(request.raw, contentType);
  delete headers["content-type"];
}

/** Puts back a header {@link setContentTypeAside} moved. */
export function restoreContentType(request: FastifyRequest): void {
  const contentType = contentTypesAside.get(request.raw);
  if (contentType === undefined) return;
  request.raw.headers["content-type"] = contentType;
  contentTypesAside.delete(request.raw);
}
