// The `fastify4` alias (npm:fastify@4) has the same API surface as far as these tests go.
declare module "fastify4" {
  import fastify from "fastify";
  export default fastify;
}
