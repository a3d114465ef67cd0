// OpenTelemetry tracing, opt-in: a span per GraphQL operation and a child span per upstream request, exported by OTLP/HTTP.
import { SpanKind, SpanStatusCode, trace, ROOT_CONTEXT, type Tracer } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { ApolloServerPlugin } from '@apollo/server';
import type { TracingConfig } from './tracingConfig.js';
import type { UpstreamObserver } from '../upstream/client.js';
import type { ScopedContext } from './requestScope.js';

/** Incubating semantic-convention names, written out rather than imported from the unstable entry point. */
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';

export interface Tracing {
  plugin<T extends ScopedContext>(): ApolloServerPlugin<T>;
  observer: UpstreamObserver;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * Starts a tracer provider when tracing is configured, or when a test hands in an exporter (spans then go out at
 * once). Otherwise returns undefined: no SDK, no plugin, no hook, nothing on the request path.
 */
export function startTracing(config: TracingConfig | undefined, exporter?: SpanExporter): Tracing | undefined {
  if (!config && !exporter) return undefined;
  const processor = exporter
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter({ url: config!.url.toString(), headers: { ...config!.headers } }));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config?.serviceName ?? 'accounts-gateway' }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('accounts-gateway');
  return { plugin: () => operationSpans(tracer), observer: upstreamSpans(tracer), shutdown: () => provider.shutdown() };
}

/** One server span per GraphQL request, named after its operation once known, kept in the request scope. */
function operationSpans<T extends ScopedContext>(tracer: Tracer): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      const span = tracer.startSpan('graphql', { kind: SpanKind.SERVER }, ROOT_CONTEXT);
      if (contextValue.scope) contextValue.scope.span = span;
      return {
        async didResolveOperation({ operationName, operation }) {
          span.updateName(operationName ?? 'anonymous');
          span.setAttributes({
            [ATTR_GRAPHQL_OPERATION_NAME]: operationName ?? 'anonymous',
            [ATTR_GRAPHQL_OPERATION_TYPE]: operation?.operation ?? 'query',
          });
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          span.setAttribute('graphql.errors.count', errors.length);
          if (errors.length > 0) span.setStatus({ code: SpanStatusCode.ERROR, message: String(errors[0]?.extensions?.code ?? 'error') });
          span.end();
        },
      };
    },
  };
}

/** A client span per upstream request, recorded when it ends, under the operation span of the request that made it. */
function upstreamSpans(tracer: Tracer): UpstreamObserver {
  return {
    onRequest(event) {
      const parent = event.scope?.span;
      const span = tracer.startSpan(
        `${event.method} ${event.provider}`,
        {
          kind: SpanKind.CLIENT,
          startTime: event.startedAt,
          attributes: {
            'gateway.provider': event.provider,
            [ATTR_HTTP_REQUEST_METHOD]: event.method,
            'gateway.outcome': event.code ?? 'OK',
            ...(event.status === undefined ? {} : { [ATTR_HTTP_RESPONSE_STATUS_CODE]: event.status }),
            ...(event.code ? { [ATTR_ERROR_TYPE]: event.code } : {}),
          },
        },
        parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT,
      );
      if (event.code) span.setStatus({ code: SpanStatusCode.ERROR, message: event.code });
      span.end(event.startedAt + event.ms);
    },
    onCacheLookup() {},
  };
}
