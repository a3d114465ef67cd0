import { describe, expect, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanStatusCode } from '@opentelemetry/api';
import { startTracing } from './tracing.js';

describe('startTracing', () => {
  it('starts nothing when tracing is not configured', () => {
    expect(startTracing(undefined)).toBeUndefined();
  });

  it('starts an OTLP exporter when configured, and stops cleanly with nothing to send', async () => {
    const tracing = startTracing({ url: new URL('http://127.0.0.1:9/v1/traces'), headers: {}, serviceName: 'test' });
    expect(tracing).toBeDefined();
    await tracing?.shutdown();
  });

  it('records an upstream request outside any GraphQL request as a root span with its timing and failure', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing(undefined, exporter);
    tracing?.observer.onRequest({ provider: 'STELLAR', method: 'GET', code: 'UPSTREAM_TIMEOUT', startedAt: 1_700_000_000_000, ms: 250 });
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('GET STELLAR');
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes).toEqual({
      'gateway.provider': 'STELLAR',
      'http.request.method': 'GET',
      'gateway.outcome': 'UPSTREAM_TIMEOUT',
      'error.type': 'UPSTREAM_TIMEOUT',
    });
    expect(span?.duration).toEqual([0, 250_000_000]);
    await tracing?.shutdown();
  });
});
