import { describe, expect, it } from 'vitest';
import { didYouMean, distance } from '../../src/util/did-you-mean.js';

describe('did-you-mean', () => {
  it('counts a transposition as one edit', () => {
    expect(distance('titel', 'title')).toBe(1);
    expect(distance('board', 'boards')).toBe(1);
    expect(distance('kitten', 'sitting')).toBe(3);
  });
  it('suggests only close candidates, ignoring case', () => {
    expect(didYouMean('Titel', ['title', 'board'])).toBe('title');
    expect(didYouMean('winter looks', ['Winter Looks', 'Cozy Home'])).toBe('Winter Looks');
    expect(didYouMean('colour', ['title', 'board'])).toBeUndefined();
  });
});
