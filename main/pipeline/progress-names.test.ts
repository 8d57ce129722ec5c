import { describe, expect, it } from 'vitest';
import { COVID } from '../../simulators/dhis2/index.js';
import { Bench } from './testing/bench.js';

const PROGRAMS = [COVID.cases.program, COVID.contacts.program, COVID.eventProgram.program];

/** Progress text names programs as DHIS2 does, never by uid (the oldest and newest metadata shapes). */
describe.concurrent.each(['2.36', '2.43'])('progress of runs against DHIS2 %s', (version) => {
  it('names each program by its DHIS2 name while reading it, on first and later runs', async () => {
    const bench = await Bench.start({ dhis2Version: version });
    try {
      const phases = new Set<string>();
      const hooks = { progressIntervalMs: 0, onProgress: (p: { phase: string }) => phases.add(p.phase) };
      await bench.run('all', {}, hooks);
      await bench.run(['cases', 'contacts', 'events'], {}, hooks);

      const programs = await bench.session().dhis2.programs(PROGRAMS);
      const name = (uid: string) => {
        const found = programs.find((p) => p.id === uid)?.name;
        if (!found) throw new Error(`DHIS2 has no program ${uid}`);
        return found;
      };
      const [cases, contacts, events] = PROGRAMS.map(name);
      expect([...phases]).toEqual(
        expect.arrayContaining([
          `Reading cases of ${cases}`,
          `Checking events changed in ${cases}`,
          `Reading contacts of ${contacts}`,
          `Reading deleted contacts of ${contacts}`,
          `Checking events changed in ${contacts}`,
          `Reading events of ${events}`,
        ]),
      );
      for (const phase of phases) for (const uid of PROGRAMS) expect(phase).not.toContain(uid);
    } finally {
      await bench.close();
    }
  });
});
