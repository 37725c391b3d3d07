/**
 * The client closed the connection before its body ended: a sender that gave up (a timeout, a
 * cancelled request), not a server error. Adapters stop quietly on it instead of answering 500
 * or logging an error: there is nobody left to answer, and the sender retries on its own.
 *
 * @example
 * ```ts
 * verifyNodeRequest(req, verifier, options, state).catch((error) => {
 *   if (isClientAbort(error)) return; // the socket is gone
 *   next(error);
 * });
 * ```
 */
export class ClientAbortError extends Error {
  override name = "ClientAbortError";
  /** As Node reports a reset connection, for loggers that group errors by code. */
  readonly code = "ECONNRESET";

  constructor(cause?: unknown) {
    super("hubsig: the client closed the connection before the request body ended", { cause });
  }
}

/**
 * Whether `error` is a {@link ClientAbortError}, also across two copies of the core.
 *
 * @example
 * ```ts
 * if (isClientAbort(error)) return;
 * ```
 */
export function isClientAbort(error: unknown): error is ClientAbortError {
  return error instanceof Error && error.name === "ClientAbortError";
}

/**
 * Whether reading a fetch `Request`'s body failed because the client went away. Node's fetch
 * servers, Bun and Next.js abort the request's signal; Deno fails the read with `BadResource`
 * and aborts the signal only once the answer is sent; workerd fails it with "Network connection
 * lost." and leaves the signal alone.
 *
 * @example
 * ```ts
 * } catch (error) {
 *   if (isBodyDisconnect(request, error)) throw new ClientAbortError(error);
 *   throw error;
 * }
 * ```
 */
export function isBodyDisconnect(request: Request, error: unknown): boolean {
  if (request.signal?.aborted) return true;
  if (!(error instanceof Error)) return false;
  return error.name === "BadResource" || error.message === "Network connection lost.";
}
