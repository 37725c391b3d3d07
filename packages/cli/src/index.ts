export { SAMPLE_EVENTS, samplePayload } from "./samples.js";
export { type SendOptions, type SendResult, sendDelivery } from "./send-delivery.js";
