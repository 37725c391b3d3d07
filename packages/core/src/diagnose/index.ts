export type { Algorithm, Payload, Secret, VerifyOptions, VerifyResult } from "../verify/types.ts";
export { DIAGNOSE_MAX_BODY_BYTES } from "./body.ts";
export { DIAGNOSE_MAX_SECRETS } from "./secret.ts";
export { DIAGNOSE_MAX_CANDIDATES, diagnose } from "./signature.ts";
export type { Diagnosis, DiagnosisCause, DiagnosisFinding } from "./types.ts";
