import { describe, expect, it } from 'vitest';
import { createPinterestClient } from '../../src/pinterest/client.js';
import { startSimulator } from '../../src/pinterest/simulator.js';
import { ContractChecker } from '../helpers/contract.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('the simulator and the client speak Pinterest API v5 as the spec says', () => {
  it('every request and response of a full session conforms to openapi.json', async () => {
    const contract = new ContractChecker();
    const sim = await startSimulator({ accessTokens: ['t0'], onExchange: (e) => contract.check(e) });
    try {
      const api = createPinterestClient({ base: sim.url, accessToken: 't0' });
      await api.userAccount();
      const board = await api.createBoard({ name: 'Winter Looks', description: 'Cold days', privacy: 'PUBLIC' });
      const section = await api.createSection(board.id as string, 'Boots');
      for (let i = 0; i < 30; i++) await api.createBoard({ name: `Board ${i}` });
      expect(await api.listBoards()).toHaveLength(31);
      expect(await api.listSections(board.id as string)).toEqual([{ id: section.id, name: 'Boots' }]);
      const pin = await api.createPin({
        board_id: board.id as string,
        board_section_id: section.id as string,
        title: 'Boots',
        description: 'Warm',
        link: 'https://shop.example.com/boots',
        alt_text: 'Boots on snow',
        media_source: { source_type: 'image_base64', content_type: 'image/png', data: PNG.toString('base64') },
      });
      await api.updatePin(pin.id, { title: 'Better boots' });
      expect((await api.getPin(pin.id))?.title).toBe('Better boots');
      expect(await api.listBoardPins(board.id as string, 10)).toHaveLength(1);
      const other = (await api.listBoards())[1];
      await api.savePin(pin.id, other?.id as string);
      const upload = await api.registerVideo();
      const bytes = new Uint8Array([0, 0, 0, 8, 0x66, 0x72, 0x65, 0x65]);
      await api.uploadMedia(upload, { size: bytes.length, stream: () => new Blob([bytes]).stream() }, 'v.mp4');
      let status: string | undefined;
      for (let i = 0; i < 5 && status !== 'succeeded'; i++) status = (await api.getMedia(upload.media_id)).status;
      expect(status).toBe('succeeded');
      await api.deletePin(pin.id);
      expect(await api.getPin(pin.id)).toBeUndefined();
      expect(contract.violations).toEqual([]);
      expect(contract.checked).toBeGreaterThan(40);
    } finally {
      await sim.close();
    }
  });

  it('catches a request body that breaks the spec', () => {
    const contract = new ContractChecker();
    const found = contract.check({ method: 'POST', route: '/pins', path: '/v5/pins', query: {}, status: 201, requestBody: { title: 5, board_id: 'abc' }, responseBody: undefined });
    expect(found.join('\n')).toMatch(/request: .*title must be string/);
    expect(found.join('\n')).toMatch(/board_id must match pattern/);
    expect(contract.check({ method: 'GET', route: '/boards', path: '/v5/boards', query: {}, status: 200, requestBody: undefined, responseBody: { bookmark: null } })[0]).toMatch(
      /response 200: .*must have required property 'items'/,
    );
  });

  it('catches query parameters that break the spec', () => {
    const contract = new ContractChecker();
    const base = { method: 'GET', route: '/pins/{pin_id}/analytics', path: '/v5/pins/1/analytics', status: 200, requestBody: undefined, responseBody: { all: {} } };
    const found = contract.check({ ...base, query: { start_date: '2026-11-01', metric_types: 'IMPRESSION,SAVES', colour: 'red' } }).join('\n');
    expect(found).toMatch(/required query parameter end_date is missing/);
    expect(found).toMatch(/metric_types=IMPRESSION,SAVES: .*must be equal to one of the allowed values/);
    expect(found).toMatch(/query parameter colour is not in the spec/);
    expect(contract.check({ ...base, query: { start_date: '2026-11-01', end_date: '2026-11-20', metric_types: 'IMPRESSION,SAVE' } })).toEqual([]);
  });
});
