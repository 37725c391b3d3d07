export type { Algorithm, Payload, Secret, VerifyOptions, VerifyResult } from "../verify/types.js";
export { DIAGNOSE_MAX_BODY_BYTES } from "./body.js";
export { DIAGNOSE_MAX_SECRETS } from "./secret.js";
export { DIAGNOSE_MAX_CANDIDATES, diagnose } from "./signature.js";
export type { Diagnosis, DiagnosisCause, DiagnosisFinding } from "./types.js";
