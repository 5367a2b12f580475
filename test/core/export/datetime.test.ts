import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { toXsdDateTime } from '../../../src/core/export/datetime';

test('created becomes an xsd:dateTime in UTC: a date alone is midnight UTC, a zone is converted, seconds are filled in', () => {
  assert.equal(toXsdDateTime('2026-11-20'), '2026-11-20T00:00:00Z');
  assert.equal(toXsdDateTime('2026-11-20T09:00:00Z'), '2026-11-20T09:00:00Z');
  assert.equal(toXsdDateTime('2026-11-20T09:00Z'), '2026-11-20T09:00:00Z');
  assert.equal(toXsdDateTime('2026-11-20 09:00'), '2026-11-20T09:00:00Z', 'a time without a zone is taken as UTC');
  assert.equal(toXsdDateTime('2026-11-20T09:00:00.250+01:00'), '2026-11-20T08:00:00.250Z');
  assert.equal(toXsdDateTime('2026-11-20T00:30:00-0230'), '2026-11-20T03:00:00Z');
  assert.equal(toXsdDateTime('2024-02-29T23:59:59-01:00'), '2024-03-01T00:59:59Z');
  assert.equal(toXsdDateTime('0050-01-01'), '0050-01-01T00:00:00Z', 'the years 0–99 are not read as 1900–1999');
});

test('a value that is not an ISO 8601 date that exists gives nothing rather than an invalid dateTime', () => {
  for (const value of ['yesterday', '2026-02-30', '2026-11-20T25:00', '20/11/2026', '2026-11-20T09:00:00+01:00 ']) {
    assert.equal(toXsdDateTime(value), undefined, value);
  }
});
