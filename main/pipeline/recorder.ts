import {
  emptyCounts,
  OUTCOMES,
  type Outcome,
  type OutcomeCounts,
  type StageName,
} from '../../shared/stages.js';
import type { OutcomeInput, TargetStore } from '../store/index.js';

/**
 * Collects the outcome of every record of a run and writes them in batches (one transaction per flush).
 * Failed and deferred records are kept as open issues until a later run succeeds for them.
 *
 * Invariant checked at the end of a run: every record handed over by the reader got exactly one outcome
 * (`reconcile`). A resumed run starts from the counts already stored for it.
 *
 * A record met twice in one run (re-read after a resume, or in the overlap before a watermark) keeps what the
 * run did to it: a later `unchanged` does not overwrite `created` — the second look found it as the first left it.
 */
export class OutcomeRecorder {
  private readonly session = emptyCounts();
  private buffer: OutcomeInput[] = [];
  /** Outcomes of the buffer, not yet in SQLite (bounded by the flush size, so memory stays flat). */
  private readonly pending = new Map<string, Outcome>();

  constructor(
    private readonly store: TargetStore,
    private readonly stage: StageName,
    readonly runId: number,
    private readonly base: OutcomeCounts = emptyCounts(),
  ) {}

  /** Counts so far, including what an interrupted earlier attempt of this run stored. */
  get counts(): OutcomeCounts {
    const total = emptyCounts();
    for (const key of Object.keys(total) as Array<keyof OutcomeCounts>)
      total[key] = this.base[key] + this.session[key];
    return total;
  }

  /** Counts records as read; every read record must then get exactly one outcome. */
  read(n = 1): void {
    this.session.read += n;
  }

  add(outcome: OutcomeInput): void {
    this.session[outcome.outcome]++;
    const key = `${outcome.entity}:${outcome.dhis2Uid}`;
    if (outcome.outcome === 'unchanged') {
      const before =
        this.pending.get(key) ?? this.store.runs.outcomeOf(this.runId, outcome.entity, outcome.dhis2Uid);
      if (before !== undefined && before !== 'unchanged') return;
    }
    this.pending.set(key, outcome.outcome);
    this.buffer.push(outcome);
    if (this.buffer.length >= 500) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.pending.clear();
    const { runs, issues } = this.store;
    // One transaction for the page's outcomes and the open issues they open or settle.
    this.store.transaction(() => this.write(batch, runs, issues));
  }

  private write(batch: OutcomeInput[], runs: TargetStore['runs'], issues: TargetStore['issues']): void {
    runs.recordOutcomes(this.runId, batch);
    for (const o of batch) {
      if (o.outcome === 'failed' || o.outcome === 'deferred') {
        issues.open(
          {
            stage: this.stage,
            entity: o.entity,
            dhis2Uid: o.dhis2Uid,
            outcome: o.outcome,
            reason: o.reason ?? o.outcome,
            details: o.details,
          },
          this.runId,
        );
      } else {
        // Any other outcome (skipped included: deleted in DHIS2, left the program) settles an earlier problem.
        issues.resolve(o.entity, o.dhis2Uid);
      }
    }
  }

  /** Undefined when read = sum of outcomes for this process's share of the run; otherwise what is off. */
  reconcile(): string | undefined {
    const sum = OUTCOMES.reduce((n, o) => n + this.session[o], 0);
    return sum === this.session.read
      ? undefined
      : `Counts do not reconcile: read ${this.session.read}, outcomes ${sum}`;
  }
}
