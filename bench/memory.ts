import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Memory figures in megabytes (MiB), the unit every target and table uses. */
export const MB = 1024 * 1024;

let collector: (() => void) | undefined;

/**
 * A full garbage collection, so heap figures measure what is retained rather than when V8 last collected.
 * `--expose-gc` cannot be passed through `tsx`, so the flag is set at run time and `gc` taken from a fresh context.
 */
export function collectGarbage(): void {
  if (!collector) {
    v8.setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  collector();
}

/** Heap still in use after a full collection. */
export function retainedHeapMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / MB;
}

export interface MemoryPeaks {
  peakRssMb: number;
  peakHeapMb: number;
  samples: number;
}

/**
 * Samples this process's RSS and heap on a timer while a piece of work runs. Sampling misses spikes shorter than
 * the interval, so the RSS peak is also checked against the kernel's high-water mark where the work started low.
 */
export class MemorySampler {
  private timer?: NodeJS.Timeout;
  private peaks: MemoryPeaks = { peakRssMb: 0, peakHeapMb: 0, samples: 0 };

  constructor(private readonly intervalMs = 100) {}

  start(): void {
    this.peaks = { peakRssMb: 0, peakHeapMb: 0, samples: 0 };
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const usage = process.memoryUsage();
    this.peaks.peakRssMb = Math.max(this.peaks.peakRssMb, usage.rss / MB);
    this.peaks.peakHeapMb = Math.max(this.peaks.peakHeapMb, usage.heapUsed / MB);
    this.peaks.samples++;
  }

  stop(): MemoryPeaks {
    clearInterval(this.timer);
    this.sample();
    return { ...this.peaks };
  }
}
