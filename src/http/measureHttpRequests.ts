import type { RequestHandler } from 'express';
import { Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

const metricName = 'http_request_duration_seconds';

/**
 * Middleware recording every request's duration in `http_request_duration_seconds{method,route,status}`
 * on the given registry. The route label is the matched Express route pattern (never the raw path, which
 * would carry ids), or `unmatched`. No I/O.
 */
export function measureHttpRequests(registry: Registry): RequestHandler {
  const existing = registry.getSingleMetric(metricName);
  const histogram =
    existing instanceof Histogram
      ? existing
      : new Histogram({
          name: metricName,
          help: 'HTTP request duration by method, route pattern and status',
          labelNames: ['method', 'route', 'status'],
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
          registers: [registry],
        });
  return (req, res, next) => {
    const end = histogram.startTimer();
    res.on('finish', () => {
      const pattern: unknown = req.route?.path;
      const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
