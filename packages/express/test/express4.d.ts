// The `express4` alias (npm:express@4) has the same API surface as far as these tests go.
declare module "express4" {
  import express from "express";
  export default express;
}
