export { createRouter } from "./create-router.ts";
export type {
  AnyEventHandler,
  EventHandler,
  EventNameOf,
  EventOf,
  Router,
  RouterOptions,
} from "./types.ts";
