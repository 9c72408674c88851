import { describe, expect, it } from 'vitest';
import { OrderedLog } from '../../src/flows/publish/ordered-log.js';

describe('the log of creates in flight', () => {
  it("says each pin's lines in the plan's order, however the creates finish", async () => {
    const out: string[] = [];
    const said = new OrderedLog((l) => out.push(l));
    let answer = (_: unknown) => {};
    const first = said.within(0, async () => {
      said.log('0: sent');
      await new Promise((r) => (answer = r));
      said.log('0: created');
    });
    // Pins 1 and 2 finish while pin 0 waits for its answer.
    await said.within(2, async () => said.log('2: created'));
    said.finish(2);
    await said.within(1, async () => said.log('1: created'));
    said.finish(1);
    said.log('a wait for the rate limit');
    expect(out).toEqual(['0: sent', 'a wait for the rate limit']);
    answer(undefined);
    await first;
    said.finish(0);
    expect(out).toEqual(['0: sent', 'a wait for the rate limit', '0: created', '1: created', '2: created']);
  });

  it('says what is still held at the end, in order, past pins that were never sent', async () => {
    const out: string[] = [];
    const said = new OrderedLog((l) => out.push(l));
    await said.within(3, async () => said.log('3'));
    await said.within(2, async () => said.log('2'));
    expect(out).toEqual([]);
    said.flush();
    expect(out).toEqual(['2', '3']);
  });
});
