/**
 * Prometheus metrics for the server: request counts by area, method and status, and a latency
 * histogram. Kept per server instance.
 */
const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

export class ServerMetrics {
  private readonly requests = new Map<string, number>();
  private readonly buckets = new Map<string, number[]>();
  private readonly sums = new Map<string, number>();
  private readonly counts = new Map<string, number>();

  observe(area: string, method: string, status: number, durationMs: number): void {
    const key = `area="${area}",method="${method}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const histogramKey = `area="${area}"`;
    const counts = this.buckets.get(histogramKey) ?? BUCKETS_MS.map(() => 0);
    BUCKETS_MS.forEach((bound, index) => {
      if (durationMs <= bound) counts[index] = (counts[index] ?? 0) + 1;
    });
    this.buckets.set(histogramKey, counts);
    this.sums.set(histogramKey, (this.sums.get(histogramKey) ?? 0) + durationMs / 1000);
    this.counts.set(histogramKey, (this.counts.get(histogramKey) ?? 0) + 1);
  }

  render(): string {
    const lines = [
      '# HELP library_scim_http_requests_total HTTP requests handled.',
      '# TYPE library_scim_http_requests_total counter',
    ];
    for (const [labels, value] of this.requests) lines.push(`library_scim_http_requests_total{${labels}} ${value}`);
    lines.push('# HELP library_scim_http_request_duration_seconds Request latency.');
    lines.push('# TYPE library_scim_http_request_duration_seconds histogram');
    for (const [labels, counts] of this.buckets) {
      BUCKETS_MS.forEach((bound, index) => {
        lines.push(
          `library_scim_http_request_duration_seconds_bucket{${labels},le="${bound / 1000}"} ${counts[index] ?? 0}`,
        );
      });
      lines.push(
        `library_scim_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${this.counts.get(labels) ?? 0}`,
      );
      lines.push(`library_scim_http_request_duration_seconds_sum{${labels}} ${this.sums.get(labels) ?? 0}`);
      lines.push(`library_scim_http_request_duration_seconds_count{${labels}} ${this.counts.get(labels) ?? 0}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
