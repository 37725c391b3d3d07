import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import { SetMetadata } from "@nestjs/common";
import type { AbstractHttpAdapter, DiscoveryService, Reflector } from "@nestjs/core";

/** Set on each controller method that `WebhookGuard` guards, so that its route can be found. */
const WEBHOOK_ROUTE = "hubsig:webhook-route";
/** The content type a Fastify webhook request carries while Fastify picks its parser. */
const UNPARSED = "application/x-hubsig-unparsed";
const VERBS = ["post", "put", "patch", "delete", "all", "options", "search"] as const;

// The content type hidden from the platform's parsers, until the guard restores it.
const hidden = new WeakMap<IncomingMessage, string | undefined>();
// Adapters already set up, should the module be imported twice.
const routed = new WeakSet<object>();

/**
 * Gives the guard back the content type the request arrived with, before it reads the body.
 */
export function restoreContentType(message: IncomingMessage): void {
  if (!hidden.has(message)) return;
  const type = hidden.get(message);
  hidden.delete(message);
  if (type === undefined) delete message.headers["content-type"];
  else message.headers["content-type"] = type;
}

function hide(message: IncomingMessage, replacement?: string): void {
  hidden.set(message, message.headers["content-type"]);
  if (replacement === undefined) delete message.headers["content-type"];
  else message.headers["content-type"] = replacement;
}

/** A controller class. */
export type Controller = abstract new (...args: any[]) => unknown;

/**
 * Keeps the platform's body parsers (Nest's JSON and form parsers, Fastify's own, and any
 * `useBodyParser`) off the routes `WebhookGuard` guards, so that the guard reads their bodies
 * through the shared pipeline: at most `maxBodyBytes`, compressed bodies refused, invalid JSON
 * refused after the signature, an empty body ("Exclude body") handed over. Every other route
 * keeps its parsers. The parsers pick a request by its content type, so on a webhook route it is
 * hidden from them (on Fastify, replaced by a type whose parser reads nothing) until the guard
 * restores it.
 *
 * It must run before `app.init()` registers the parsers and the routes: once the HTTP adapter is
 * set. `onRoute` is called for each guarded route's method, so that the module can prepare it.
 * Returns false for an adapter of neither platform: the guard then verifies `req.rawBody` as
 * Nest kept it.
 */
export function routeWebhookBodies(
  adapter: AbstractHttpAdapter | undefined,
  discovery: DiscoveryService,
  reflector: Reflector,
  guarded: (target: object) => boolean,
  onRoute: (controller: Controller, name: string, method: (...args: any[]) => unknown) => void,
): boolean {
  if (adapter && routed.has(adapter)) return true;
  if (adapter) routed.add(adapter);
  markWebhookRoutes(discovery, guarded, onRoute);
  const type = adapter?.getType?.();
  if (!adapter || (type !== "express" && type !== "fastify")) return false;
  const register = type === "express" ? expressRoutes(adapter) : fastifyRoutes(adapter);
  const routes = adapter as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const verb of VERBS) {
    const original = routes[verb];
    if (typeof original !== "function") continue;
    // Nest registers each route through these methods with its full path (global prefix and
    // version included) and the route's handler, which carries the method's metadata.
    routes[verb] = function (this: unknown, ...args: unknown[]) {
      const [path, handler] = [args[0], args[args.length - 1]];
      if (typeof path === "string" && typeof handler === "function") {
        if (reflector.get(WEBHOOK_ROUTE, handler)) register(verb, path);
      }
      return original.apply(this, args);
    };
  }
  return true;
}

function markWebhookRoutes(
  discovery: DiscoveryService,
  guarded: (target: object) => boolean,
  onRoute: (controller: Controller, name: string, method: (...args: any[]) => unknown) => void,
) {
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Controller | null;
    if (typeof controller !== "function") continue;
    const onClass = guarded(controller);
    for (const [name, method] of methodsOf(controller.prototype)) {
      if (onClass || guarded(method)) {
        SetMetadata(WEBHOOK_ROUTE, true)(controller.prototype, name, { value: method });
        onRoute(controller, name, method);
      }
    }
  }
}

/** Every method of a class's prototype chain, by name, nearest first. */
export function methodsOf(prototype: object): Map<string, (...args: any[]) => unknown> {
  const methods = new Map<string, (...args: any[]) => unknown>();
  for (let level = prototype; level && level !== Object.prototype; ) {
    for (const name of Object.getOwnPropertyNames(level)) {
      const value = Object.getOwnPropertyDescriptor(level, name)?.value;
      if (name !== "constructor" && typeof value === "function" && !methods.has(name)) {
        methods.set(name, value);
      }
    }
    level = Object.getPrototypeOf(level);
  }
  return methods;
}

// Express runs its parsers before routing: a router of its own, mounted ahead of them, matches
// the webhook routes exactly as the application's router will, and hides their content type.
function expressRoutes(adapter: AbstractHttpAdapter) {
  const router = newRouterLike(adapter.getInstance());
  adapter.use(router);
  return (verb: string, path: string) => {
    router[verb]?.(path, (req: IncomingMessage, _res: unknown, next: () => void) => {
      hide(req);
      next();
    });
  };
}

type RouterLike = Record<string, (...args: unknown[]) => unknown>;

// A new router of the Express the application runs on. Express 4 builds its router lazily and
// keeps it as `_router`, whose prototype is its Router factory; Express 5 keeps its Router to
// itself, and the express that Nest's Express platform depends on exports it.
function newRouterLike(app: any): RouterLike {
  if (typeof app.lazyrouter === "function") {
    app.lazyrouter();
    return Object.getPrototypeOf(app._router)();
  }
  const platform = createRequire(import.meta.url).resolve("@nestjs/platform-express");
  return (createRequire(platform)("express") as { Router(): RouterLike }).Router();
}

// Fastify routes first and parses after: a preParsing hook sees the route, and a parser for a
// content type of our own hands the handler the stream unread.
function fastifyRoutes(adapter: AbstractHttpAdapter) {
  const fastify = adapter.getInstance();
  const webhookRoutes = new Set<string>();
  fastify.addContentTypeParser(UNPARSED, (_request: unknown, _payload: unknown, done: Done) =>
    done(null, undefined),
  );
  fastify.addHook(
    "preParsing",
    (request: FastifyRequestLike, _: unknown, payload: unknown, done: Done) => {
      const route = `${request.method} ${request.routeOptions?.url}`;
      if (webhookRoutes.has(route) || webhookRoutes.has(`ALL ${request.routeOptions?.url}`)) {
        hide(request.raw, UNPARSED);
      }
      done(null, payload);
    },
  );
  return (verb: string, path: string) => webhookRoutes.add(`${verb.toUpperCase()} ${path}`);
}

type Done = (error: Error | null, value?: unknown) => void;
interface FastifyRequestLike {
  method: string;
  raw: IncomingMessage;
  routeOptions?: { url?: string };
}
