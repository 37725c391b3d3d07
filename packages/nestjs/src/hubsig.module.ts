import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnModuleInit,
  type Provider,
  UseInterceptors,
} from "@nestjs/common";
import { GUARDS_METADATA } from "@nestjs/common/constants.js";
import { DiscoveryModule, DiscoveryService, HttpAdapterHost, Reflector } from "@nestjs/core";
import { methodsOf, routeWebhookBodies } from "./body-routing.js";
import { HUBSIG_OPTIONS, type HubsigAsyncOptions, type HubsigOptions } from "./options.js";
import { WebhookGuard } from "./webhook.guard.js";
import { hasInterceptor, WebhookInterceptor } from "./webhook.interceptor.js";
import { WebhookPipelines } from "./webhook-pipelines.js";

const WEBHOOK_BODY_ROUTING = Symbol("hubsig:body-routing");

const shared: Provider[] = [
  {
    provide: WebhookPipelines,
    useFactory: (options: HubsigOptions, reflector: Reflector) =>
      new WebhookPipelines(options, reflector),
    inject: [HUBSIG_OPTIONS, Reflector],
  },
  {
    provide: WEBHOOK_BODY_ROUTING,
    useFactory: (
      host: HttpAdapterHost,
      discovery: DiscoveryService,
      reflector: Reflector,
      pipelines: WebhookPipelines,
    ) => {
      // One interceptor for the guarded routes with dedupe, and only those: a global one would
      // make Nest run its interceptor machinery on every route of the application.
      const interceptor = new WebhookInterceptor(host);
      const install = () =>
        routeWebhookBodies(
          host.httpAdapter,
          discovery,
          reflector,
          (target) => isGuarded(reflector, target),
          (controller, name, method) => {
            let dedupe: unknown;
            try {
              dedupe = pipelines.for(controller, method).options.dedupe;
            } catch {
              return; // bad route options: onModuleInit() throws them from app.init()
            }
            if (!dedupe || hasInterceptor(reflector, controller, method)) return;
            UseInterceptors(interceptor)(controller.prototype, name, { value: method });
          },
        );
      // NestFactory.create() sets the HTTP adapter before it creates the providers; a testing
      // module's createNestApplication() sets it later, still before app.init() registers the
      // parsers and the routes. init$ replays, so this runs as soon as there is an adapter.
      if (host.init$) host.init$.subscribe(install);
      else install();
      return true;
    },
    inject: [HttpAdapterHost, DiscoveryService, Reflector, WebhookPipelines],
  },
];

/** Whether `WebhookGuard` guards `target` (a controller or a route's method). */
function isGuarded(reflector: Reflector, target: object): boolean {
  const guards = reflector.get<unknown[] | undefined>(GUARDS_METADATA, target as never);
  return guards?.some((guard) => guard === WebhookGuard || guard instanceof WebhookGuard) === true;
}

/**
 * The options of every `WebhookGuard` in the application, set once in the root module; global,
 * so that controllers of any module can use the guard. On the guarded routes with `dedupe` it
 * also puts {@link WebhookInterceptor}, which runs a delivery's route once per delivery.
 * Options are checked when the application is created: a missing secret, or `replay` without
 * `dedupe`, throws `TypeError` from `NestFactory.create()`, and a bad `@WebhookOptions()` from
 * `app.init()` (or `listen()`).
 *
 * @example
 * ```ts
 * import { Module } from "@nestjs/common";
 * import { HubsigModule } from "@hubsig/nestjs";
 * import { memoryDeliveryStore } from "@hubsig/core/dedupe";
 *
 * @Module({
 *   imports: [
 *     HubsigModule.forRoot({
 *       secret: [process.env.JIRA_WEBHOOK_SECRET!, process.env.JIRA_WEBHOOK_SECRET_PREVIOUS!],
 *       dedupe: { store: memoryDeliveryStore() },
 *     }),
 *   ],
 *   controllers: [JiraController],
 * })
 * export class AppModule {}
 * ```
 */
@Global()
@Module({})
export class HubsigModule implements OnModuleInit {
  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(WebhookPipelines) private readonly pipelines: WebhookPipelines,
  ) {}

  /**
   * The module with fixed options.
   *
   * @example
   * ```ts
   * HubsigModule.forRoot({ secret: process.env.JIRA_WEBHOOK_SECRET! });
   * ```
   */
  static forRoot(options: HubsigOptions): DynamicModule {
    return {
      module: HubsigModule,
      imports: [DiscoveryModule],
      providers: [{ provide: HUBSIG_OPTIONS, useValue: options }, ...shared],
      exports: [HUBSIG_OPTIONS, WebhookPipelines],
    };
  }

  /**
   * The module with options from a factory, for secrets read from `ConfigService` or a vault.
   *
   * @example
   * ```ts
   * HubsigModule.forRootAsync({
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({
   *     secret: [config.getOrThrow<string>("JIRA_WEBHOOK_SECRET")],
   *   }),
   * });
   * ```
   */
  static forRootAsync(options: HubsigAsyncOptions): DynamicModule {
    return {
      module: HubsigModule,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [
        { provide: HUBSIG_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        ...shared,
      ],
      exports: [HUBSIG_OPTIONS, WebhookPipelines],
    };
  }

  /** Prepares the options of every guarded route now, so that bad ones fail the start-up. */
  onModuleInit(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (abstract new (...args: any[]) => unknown) | null;
      if (typeof controller !== "function") continue;
      const onClass = isGuarded(this.reflector, controller);
      for (const method of methodsOf(controller.prototype).values()) {
        if (onClass || isGuarded(this.reflector, method)) this.pipelines.for(controller, method);
      }
    }
  }
}
