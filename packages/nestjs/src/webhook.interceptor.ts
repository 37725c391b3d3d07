import { DUPLICATE_BODY } from "@hubsig/core/dedupe";
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from "@nestjs/common";
import { INTERCEPTORS_METADATA } from "@nestjs/common/constants.js";
import { HttpAdapterHost, type Reflector } from "@nestjs/core";
import { Observable, type Subscription } from "rxjs";
import type { NestRequest } from "./options.js";
import { nodeResponseOf } from "./platform.js";
import { pendingClaims } from "./request-state.js";
import { WebhookException } from "./webhook-exception.js";

/**
 * Runs a verified delivery's route once per delivery when `dedupe` is on. `HubsigModule` puts
 * it on every route that `@UseGuards(WebhookGuard)` guards with `dedupe` (and on no other route:
 * an interceptor costs Nest some work on every request it sees). It does nothing on requests
 * `WebhookGuard` did not let through.
 *
 * A guard runs before the route and cannot see it end, so the work is split: the guard verifies
 * and leaves the delivery here; this claims it in the delivery store (200 `{ "duplicate": true }`
 * for one already handled, 409 while another attempt runs, 503 when the store is down), runs the
 * route, and settles the claim by the status of the answer Nest finally sends: handled, or
 * released for Jira's retry on 5xx, 408, 409, 425 and 429 (a thrown error included). A client
 * that hangs up does not release it: the claim is held until the route has answered, even to
 * the closed socket, or until its lease runs out.
 *
 * @example
 * ```ts
 * // HubsigModule adds it to guarded routes with dedupe. Where the module cannot see the guard
 * // (a guard registered globally), add it to the route yourself:
 * @UseInterceptors(WebhookInterceptor)
 * ```
 */
@Injectable()
export class WebhookInterceptor implements NestInterceptor {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<NestRequest>();
    const claim = context.getType() === "http" ? pendingClaims.get(request) : undefined;
    if (!claim) return next.handle();
    pendingClaims.delete(request); // claimed once, even if a second interceptor instance runs
    const response = http.getResponse<object>();

    return new Observable((subscriber) => {
      let route: Subscription | undefined;
      const start = () => {
        route = next.handle().subscribe(subscriber);
      };
      claim.pipeline
        .runUntilAnswered(request, claim.verified, nodeResponseOf(response), start)
        .then(
          (ran) => {
            if (route) return; // the route ran and answered on its own
            if (!ran.ok) return subscriber.error(new WebhookException(ran));
            if (ran.duplicate) {
              this.host.httpAdapter.status(response, ran.status);
              subscriber.next(JSON.parse(DUPLICATE_BODY));
              subscriber.complete();
            }
          },
          (error: unknown) => {
            if (!route) subscriber.error(error);
          },
        );
      return () => route?.unsubscribe();
    });
  }
}

/**
 * Whether a `WebhookInterceptor` (the class, or an instance of it) intercepts `method` of
 * `controller`, from either's `@UseInterceptors()`.
 */
export function hasInterceptor(reflector: Reflector, controller: object, method: object): boolean {
  return [controller, method].some((target) =>
    reflector
      .get<unknown[] | undefined>(INTERCEPTORS_METADATA, target as never)
      ?.some((each) => each === WebhookInterceptor || each instanceof WebhookInterceptor),
  );
}
