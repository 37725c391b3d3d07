import type { AddressInfo } from "node:net";

/**
 * Prints `<name> listening on <url>`, the line `pnpm demo` and `pnpm soak` read the URL from.
 *
 * @example
 * server.listen(port, host, () => announceListening("koa-demo", server.address() as AddressInfo));
 */
export function announceListening(name: string, address: AddressInfo, note?: string): void;

/**
 * Exits when the server cannot listen.
 *
 * @example
 * server.on("error", (error) => cannotListen("koa-demo", host, port, error));
 */
export function cannotListen(name: string, host: string, port: number, error: Error): never;

/**
 * On SIGTERM or SIGINT, closes the server with `close` and exits (after 5 s at the latest).
 *
 * @example
 * closeOnSignals("express-demo", () => new Promise((resolve) => server.close(resolve)));
 */
export function closeOnSignals(name: string, close: () => Promise<unknown>): void;
