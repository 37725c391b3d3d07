export { createRouter } from "./create-router.js";
export type {
  AnyEventHandler,
  EventHandler,
  EventNameOf,
  EventOf,
  Router,
  RouterOptions,
} from "./types.js";
