// The `koa2` alias (npm:koa@2) has the same API surface as far as these tests go.
declare module "koa2" {
  import Koa from "koa";
  export default Koa;
}

// koa-bodyparser 4 ships no types.
declare module "koa-bodyparser" {
  import type { Middleware } from "koa";
  export default function bodyParser(options?: Record<string, unknown>): Middleware;
}
