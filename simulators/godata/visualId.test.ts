import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator, type GoDataSimulatorOptions } from './index.js';
import { activeOutbreak, errorOf, RawClient, type Rec } from './testing/client.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(
  options: GoDataSimulatorOptions = {},
  outbreak: Rec = {},
): Promise<{ client: RawClient; base: string }> {
  sim = await startGoDataSimulator(options);
  const client = new RawClient(sim.url);
  await client.login();
  const id = await activeOutbreak(client, outbreak);
  return { client, base: `/api/outbreaks/${id}` };
}

describe('visualId', () => {
  it('re-assigns the 9-run, enforces uniqueness (409) and the mask (422)', async () => {
    const { client, base } = await start({}, { caseIdMask: 'CA-YYYY-9999' });
    const year = new Date().getUTCFullYear();
    const first = await client.post<Rec>(`${base}/cases`, { id: 'a', visualId: `CA-${year}-9999` });
    expect(first.body.visualId).toBe(`CA-${year}-0001`);
    const second = await client.post<Rec>(`${base}/cases`, { id: 'b', visualId: `CA-${year}-0042` });
    expect(second.body.visualId).toBe(`CA-${year}-0002`);
    const duplicate = await client.post(`${base}/cases`, { visualId: `CA-${year}-0002` });
    expect(errorOf(duplicate)).toEqual({
      statusCode: 409,
      name: 'Error',
      message: `The visual identifier \`CA-${year}-0002\` is not unique.`,
      code: 'DUPLICATE_VISUAL_ID',
      details: { id: `CA-${year}-0002` },
    });
    const misfit = await client.post(`${base}/cases`, { visualId: 'CASE-1' });
    expect(errorOf(misfit)).toEqual({
      statusCode: 422,
      name: 'Error',
      message:
        'Provided Visual ID template `CASE-1` does not match Visual ID mask set on outbreak level `CA-YYYY-9999`',
      code: 'INVALID_VISUAL_ID_MASK',
      details: { visualIdTemplate: 'CASE-1', outbreakVisualIdMask: 'CA-YYYY-9999' },
    });
    // Updating with the value the record already owns keeps it.
    expect((await client.put<Rec>(`${base}/cases/b`, { visualId: `CA-${year}-0002` })).body.visualId).toBe(
      `CA-${year}-0002`,
    );
    expect((await client.put<Rec>(`${base}/cases/b`, { lastName: 'kept' })).body.visualId).toBe(
      `CA-${year}-0002`,
    );
    // Omitted → no visualId at all.
    expect((await client.post<Rec>(`${base}/cases`, { id: 'c' })).body).not.toHaveProperty('visualId');
  });

  it('stores * masks verbatim (regex metacharacters escaped, as Go.Data does)', async () => {
    const { client, base } = await start({}, { caseIdMask: '*', contactIdMask: '*' });
    expect((await client.post<Rec>(`${base}/cases`, { visualId: 'DHIS2-abc123' })).body.visualId).toBe(
      'DHIS2-abc123',
    );
    expect((await client.post<Rec>(`${base}/cases`, { visualId: 'a.b' })).body.visualId).toBe('a\\.b');
    expect((await client.post(`${base}/contacts`, { visualId: 'DHIS2-abc123' })).status).toBe(409);
  });

  it('overflowing the sequence is a 500 MASK_TOO_SHORT', async () => {
    const { client, base } = await start({}, { caseIdMask: 'C9' });
    for (let i = 1; i <= 9; i++)
      expect((await client.post<Rec>(`${base}/cases`, { visualId: 'C0' })).body.visualId).toBe(`C${i}`);
    // The template itself must be free (uniqueness is checked on what was sent, before numbering).
    expect((await client.post(`${base}/cases`, { visualId: 'C9' })).status).toBe(409);
    const overflow = await client.post(`${base}/cases`, { visualId: 'C0' });
    expect(overflow.status).toBe(500);
    expect(errorOf(overflow)).toMatchObject({
      code: 'INTERNAL_ERROR',
      details: { error: { code: 'MASK_TOO_SHORT' } },
    });
  });
});
