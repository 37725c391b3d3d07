export { DIAGNOSE_MAX_BODY_BYTES } from "./diagnose-body.js";
export { DIAGNOSE_MAX_SECRETS } from "./diagnose-secret.js";
export { DIAGNOSE_MAX_CANDIDATES, diagnose } from "./diagnose-signature.js";
export type { Diagnosis, DiagnosisCause, DiagnosisFinding } from "./diagnose-types.js";
export type { Algorithm, Payload, Secret, VerifyOptions, VerifyResult } from "./types.js";
