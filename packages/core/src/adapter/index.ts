export {
  MAX_PREPARED_VERIFIERS,
  type RequestVerifier,
  requestVerifier,
  type VerifierEngine,
} from "./request-verifier.js";
