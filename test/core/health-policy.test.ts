// #17 item 3: the state of an integration and the overall state, from the recorded outcomes and the queue.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_THRESHOLDS, integrationHealth, integrationState, overallState, type HealthRecord } from '../../electron/core/operations/health.policy';
import { integrationHealth as recorded } from '../helpers/integration-health.fixture';

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const MIN = 60_000;
// what the store records; the state is what the policy derives
const { state: _derived, ...base } = recorded();

describe('integration state', () => {
  it('is ukjent when never used, ok after a success or with fresh work waiting', () => {
    expect(integrationState(base, NOW)).toBe('ukjent');
    expect(integrationState({ ...base, lastSuccessAt: NOW - 3 * 60 * MIN }, NOW)).toBe('ok');
    expect(integrationState({ ...base, queueDepth: 2, oldestWaitingAt: NOW - MIN }, NOW)).toBe('ok');
  });

  it('is degradert when the last attempt failed, and nede once it has failed for the threshold', () => {
    const failing = { ...base, lastSuccessAt: NOW - 60 * MIN, lastFailureAt: NOW - MIN, failingSince: NOW - 5 * MIN };
    expect(integrationState(failing, NOW)).toBe('degradert');
    const edge = NOW - DEFAULT_HEALTH_THRESHOLDS.downAfterFailingMs;
    expect(integrationState({ ...failing, failingSince: edge + 1 }, NOW)).toBe('degradert');
    expect(integrationState({ ...failing, failingSince: edge }, NOW)).toBe('nede');
    // thresholds are the caller's
    expect(integrationState(failing, NOW, { downAfterFailingMs: 5 * MIN, degradedAfterWaitingMs: 30 * MIN })).toBe('nede');
  });

  it('is degradert when work has waited long without any failure (jobs not getting through)', () => {
    const waiting = { ...base, lastSuccessAt: NOW - 2 * 60 * MIN, queueDepth: 4 };
    expect(integrationState({ ...waiting, oldestWaitingAt: NOW - DEFAULT_HEALTH_THRESHOLDS.degradedAfterWaitingMs + 1 }, NOW)).toBe('ok');
    expect(integrationState({ ...waiting, oldestWaitingAt: NOW - DEFAULT_HEALTH_THRESHOLDS.degradedAfterWaitingMs }, NOW)).toBe('degradert');
  });

  it('is nede while paused, and not once the pause has ended', () => {
    const ok = { ...base, lastSuccessAt: NOW - MIN };
    expect(integrationState({ ...ok, pausedUntil: NOW + 1 }, NOW)).toBe('nede');
    expect(integrationState({ ...ok, pausedUntil: NOW }, NOW)).toBe('ok');
  });
});

describe('overall state', () => {
  it('is the worst known state; never-used integrations do not drag it, and none at all is ok', () => {
    expect(overallState([])).toBe('ok');
    expect(overallState([{ state: 'ukjent' }, { state: 'ukjent' }])).toBe('ok');
    expect(overallState([{ state: 'ok' }, { state: 'ukjent' }])).toBe('ok');
    expect(overallState([{ state: 'ok' }, { state: 'degradert' }, { state: 'ukjent' }])).toBe('degradert');
    expect(overallState([{ state: 'nede' }, { state: 'degradert' }, { state: 'ok' }])).toBe('nede');
  });
});

describe('integration health list', () => {
  it('joins records, queue and active pauses per integration, sorted, with a state each', () => {
    const records: HealthRecord[] = [
      { integration: 'registers', lastSuccessAt: NOW - MIN, lastFailureAt: null, lastError: null, lastErrorKind: null, failingSince: null, successes: 9, failures: 0 },
      { integration: 'archive', lastSuccessAt: NOW - 90 * MIN, lastFailureAt: NOW - MIN, lastError: 'Tilkobling nektet', lastErrorKind: 'transient', failingSince: NOW - 20 * MIN, successes: 3, failures: 4 },
    ];
    const list = integrationHealth(
      {
        records,
        queue: [{ integration: 'archive', queueDepth: 3, oldestWaitingAt: NOW - 25 * MIN }, { integration: 'print', queueDepth: 1, oldestWaitingAt: NOW - MIN }],
        pauses: [{ integration: 'altinn', until: NOW + 10 * MIN }, { integration: 'registers', until: NOW - 1 }],
      },
      NOW,
    );
    expect(list.map((h) => [h.integration, h.state])).toEqual([
      ['altinn', 'nede'],
      ['archive', 'nede'],
      ['print', 'ok'],
      ['registers', 'ok'],
    ]);
    expect(list[1]).toEqual({ ...records[1], pausedUntil: null, queueDepth: 3, oldestWaitingAt: NOW - 25 * MIN, state: 'nede' });
    expect(list[0]).toMatchObject({ pausedUntil: NOW + 10 * MIN, queueDepth: 0, successes: 0, lastSuccessAt: null });
    // the pause that ended is not shown
    expect(list[3]!.pausedUntil).toBeNull();
  });
});
