// Proves the typed comparisons: agent versions part by part, AWS's date formats (with offsets
// and impossible dates), counts, and attribute values ordered as numbers when both are numbers.
import { describe, expect, it } from 'vitest';
import {
  compareAttribute,
  compareVersion,
  parseCount,
  parseQueryDate,
  parseVersion,
} from '../../../../workers/engine/placement/query/values.ts';

describe('versions', () => {
  it.each([
    ['1.14.5', '1.100.0', -1], // 14 < 100
    ['1.100.0', '1.14.5', 1],
    ['1.14.5', '1.14.5', 0],
    ['1.14', '1.14.0', 0], // missing parts are 0
    ['1.14.0.1', '1.14', 1],
    ['2', '1.99.99', 1],
    ['1.92.0-beta', '1.92.0', 0], // a suffix is ignored
    ['', '0', 0],
  ])('%s vs %s → %i', (instance, argument, expected) => {
    expect(compareVersion(instance, parseVersion(argument)!)).toBe(expected);
  });

  it.each(['1.x', 'v1.2', '1..2', '', '1.2.', '-1'])('refuses %j as a version argument', (text) => {
    expect(parseVersion(text)).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    ['2018-06-18T22:28:28+00:00', 'second', '2018-06-18T22:28:28.000Z'],
    ['2018-06-18T22:28:28Z', 'second', '2018-06-18T22:28:28.000Z'],
    ['2018-06-18T22:28:28', 'second', '2018-06-18T22:28:28.000Z'],
    ['2018-06-18T22:28:28-05:30', 'second', '2018-06-19T03:58:28.000Z'],
    ['2018-06-18', 'day', '2018-06-18T00:00:00.000Z'],
    ['2020-02-29', 'day', '2020-02-29T00:00:00.000Z'], // a leap day
  ])('%s', (text, precision, iso) => {
    const date = parseQueryDate(text);
    expect(date?.precision).toBe(precision);
    expect(new Date(date!.ms).toISOString()).toBe(iso);
  });

  it.each(['2018-02-30', '2019-02-29', '2018-13-01', '2018-6-18', '2018-06-18T24:00:00Z', '2018-06-18T22:28', '2018-06-18 22:28:28', 'yesterday', '2018-06-18T22:28:28.5Z'])(
    'refuses %j',
    (text) => {
      expect(parseQueryDate(text)).toBeUndefined();
    },
  );
});

describe('counts and attribute ordering', () => {
  it.each([['0', 0], ['12', 12], ['-1', undefined], ['1.5', undefined], ['', undefined], ['1e3', undefined]])('count %j → %j', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it.each([
    ['10', '9', 9, 1], // numbers: 10 > 9
    ['-2', '1', 1, -1],
    ['1.5', '1.25', 1.25, 1],
    ['b', 'a', Number.NaN, 1], // strings
    ['10', 'b', Number.NaN, -1], // '1' < 'b'
    ['abc', 'abc', Number.NaN, 0],
  ])('%s vs %s → %i', (value, argument, argumentNumber, expected) => {
    expect(compareAttribute(value, argument, argumentNumber)).toBe(expected);
  });
});
