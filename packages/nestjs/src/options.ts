import type { WebhookOptions } from "@hubsig/core";
import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from "@nestjs/common";

/**
 * The request a Nest route sees on either platform: Express's `Request`, or Fastify's
 * `FastifyRequest` (its Node message is `request.raw`). Secret functions and `onFailure` get it.
 *
 * @example
 * ```ts
 * const secret = (request: NestRequest) => tenants.get(request.params.site);
 * ```
 */
export type NestRequest = {
  headers: Record<string, string | string[] | undefined>;
  params: any;
  url: string;
  body?: unknown;
  rawBody?: unknown;
  raw?: unknown;
} & Record<string, any>;

/**
 * What `HubsigModule.forRoot()` and `@WebhookOptions()` take: the options every hubsig adapter
 * takes (`secret`, `algorithms`, `header`, `maxBodyBytes`, `dedupe`, `replay`, `diagnose`,
 * `onFailure`), with the Nest route's request as the request.
 *
 * @example
 * ```ts
 * const options: HubsigOptions = { secret: process.env.JIRA_WEBHOOK_SECRET!, maxBodyBytes: 1 << 20 };
 * ```
 */
export type HubsigOptions = WebhookOptions<NestRequest>;

/**
 * The injection token of the module's options, for providers of your own that need them.
 *
 * @example
 * ```ts
 * constructor(@Inject(HUBSIG_OPTIONS) private readonly options: HubsigOptions) {}
 * ```
 */
export const HUBSIG_OPTIONS: unique symbol = Symbol.for("@hubsig/nestjs:options");

/**
 * `HubsigModule.forRootAsync()` options: a factory (with its `inject`ed dependencies, from the
 * modules in `imports`) that returns the options, for secrets that come from `ConfigService`.
 *
 * @example
 * ```ts
 * HubsigModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ secret: config.getOrThrow("JIRA_WEBHOOK_SECRET") }),
 * });
 * ```
 */
export interface HubsigAsyncOptions extends Pick<ModuleMetadata, "imports"> {
  useFactory: (...args: any[]) => HubsigOptions | Promise<HubsigOptions>;
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
}
