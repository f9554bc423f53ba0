/**
 * Reading OpenTelemetry metrics in tests: a MetricReader that collects on
 * demand from a MeterProvider of its own, and lookups of a data point by
 * instrument name and attributes.
 */

import type { Attributes, Meter } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';

/** A reader for tests: collect() when the test wants values. */
export class TestMetricReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/** One instrument's data points, as collected. */
export type Points = ReadonlyArray<DataPoint<number | Histogram>>;

/** A meter whose instruments the returned read() collects. */
export function testMeter(): { meter: Meter; read: () => Promise<Readings>; shutdown: () => Promise<void> } {
  const reader = new TestMetricReader();
  const provider = new MeterProvider({ readers: [reader] });
  return {
    meter: provider.getMeter('ofconnmgr'),
    read: async () => {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
      const byName = new Map<string, Points>();
      for (const sm of resourceMetrics.scopeMetrics) {
        for (const m of sm.metrics) byName.set(m.descriptor.name, m.dataPoints as Points);
      }
      return new Readings(byName);
    },
    shutdown: () => provider.shutdown(),
  };
}

/** The values of one collection. */
export class Readings {
  constructor(private readonly byName: ReadonlyMap<string, Points>) {}

  /** The data points of instrument 'name' whose attributes include 'attributes'. */
  points(name: string, attributes: Attributes = {}): Points {
    const all = this.byName.get(name) ?? [];
    return all.filter((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v));
  }

  /** The value of the one data point of 'name' with 'attributes' (a number), or undefined if none; throws if several. */
  value(name: string, attributes: Attributes = {}): number | undefined {
    const ps = this.points(name, attributes);
    if (ps.length > 1) throw new Error(`${ps.length} points of ${name} match ${JSON.stringify(attributes)}`);
    const v = ps[0]?.value;
    if (v !== undefined && typeof v !== 'number') throw new Error(`${name} is a histogram`);
    return v;
  }

  /** The histogram of the one data point of 'name' with 'attributes', or undefined. */
  histogram(name: string, attributes: Attributes = {}): Histogram | undefined {
    const ps = this.points(name, attributes);
    if (ps.length > 1) throw new Error(`${ps.length} points of ${name} match ${JSON.stringify(attributes)}`);
    const v = ps[0]?.value;
    if (v !== undefined && typeof v === 'number') throw new Error(`${name} is not a histogram`);
    return v;
  }

  /** Names of the instruments with data points. */
  get names(): string[] {
    return [...this.byName.keys()].filter((n) => (this.byName.get(n) ?? []).length > 0).sort();
  }
}
