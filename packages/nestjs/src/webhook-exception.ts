import type { WebhookFailure } from "@hubsig/core/request";
import { HttpException } from "@nestjs/common";

/**
 * What `WebhookGuard` and the dedupe interceptor throw to refuse a delivery: an `HttpException`
 * with the failure's status whose response is the JSON every hubsig adapter answers,
 * `{ "error": reason, "message": text }`. Nest's own exception filter sends exactly that body;
 * an exception filter of your own can recognise it and read `failure`.
 *
 * @example
 * ```ts
 * @Catch(WebhookException)
 * export class WebhookRefusals extends BaseExceptionFilter {
 *   catch(exception: WebhookException, host: ArgumentsHost) {
 *     metrics.increment(`webhook.${exception.failure.reason}`);
 *     super.catch(exception, host);
 *   }
 * }
 * ```
 */
export class WebhookException extends HttpException {
  readonly failure: WebhookFailure;

  constructor(failure: WebhookFailure) {
    super({ error: failure.reason, message: failure.message }, failure.status);
    this.failure = failure;
    this.name = "WebhookException";
  }
}
