/**
 * The parts of Node's `ServerResponse` that {@link answeredStatus} reads. Declared here so that
 * the core needs no Node types.
 *
 * @example
 * ```ts
 * import type { ServerResponse } from "node:http";
 * const response: NodeResponseLike = res satisfies ServerResponse;
 * ```
 */
export interface NodeResponseLike {
  statusCode: number;
  writableEnded: boolean;
  // EventEmitter's and ServerResponse's own signatures, so that ServerResponse fits.
  end: (...args: any[]) => unknown;
  once(event: "close", listener: () => void): unknown;
}

/**
 * Resolves with the status a handler answered on `res`, once it calls `res.end()`, even when the
 * client has hung up by then: the handler finished, and that is what deduplication must know.
 * `start` runs the handler (for middleware, `next`). When the connection closes and the handler
 * has still not answered `giveUpMs` later (the lease), it resolves `undefined`: nobody knows how
 * it ended, and the lease is left to run out.
 *
 * Frameworks write every answer through `res.end` (Express's `send`, Fastify's `reply.send`,
 * Next.js's API responses), so it is wrapped on this response alone.
 *
 * @example
 * ```ts
 * import { answeredStatus } from "@hubsig/core/adapter";
 *
 * const status = await answeredStatus(res, next, 60_000); // 204, 500, ... or undefined
 * ```
 */
export function answeredStatus(
  res: NodeResponseLike,
  start: () => unknown,
  giveUpMs: number,
): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (status: number | undefined) => {
      clearTimeout(timer);
      resolve(status);
    };
    const end = res.end;
    res.end = function (this: unknown, ...args: unknown[]) {
      settle(res.statusCode);
      return end.apply(this, args);
    };
    res.once("close", () => {
      if (res.writableEnded) return settle(res.statusCode);
      timer = setTimeout(() => settle(undefined), giveUpMs);
      (timer as { unref?: () => void }).unref?.();
    });
    try {
      const started = start();
      // A handler's rejection is the framework's to answer (500 through res.end); the status
      // still arrives through the wrapper.
      if (started instanceof Promise) started.catch(reject);
    } catch (error) {
      reject(error);
    }
  });
}
