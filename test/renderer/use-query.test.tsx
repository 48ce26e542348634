// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { JobStatus, JobSummary } from '../../electron/ipc/contract';
import type { HubResult } from '../../electron/ipc/result';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { BridgeProvider } from '../../renderer/src/bridge/bridge.context';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { useQuery } from '../../renderer/src/bridge/use-query.hook';
import { jobFixture } from './helpers/fixtures';

const wrapperFor =
  (bridge: FakeBridge) =>
  ({ children }: { children: ReactNode }) => <BridgeProvider bridge={bridge}>{children}</BridgeProvider>;

describe('useQuery', () => {
  it('ignores a slow answer for an input that is no longer current', async () => {
    const pending = new Map<string, (r: HubResult<JobSummary[]>) => void>();
    const bridge = new FakeBridge({
      'jobs.list': (input) => new Promise((resolve) => pending.set(input.status ?? 'all', resolve)),
    });
    const { result, rerender } = renderHook(({ status }: { status: JobStatus }) => useQuery('jobs.list', { status }), {
      wrapper: wrapperFor(bridge),
      initialProps: { status: 'dead' },
    });
    rerender({ status: 'done' });
    await waitFor(() => expect(pending.size).toBe(2));
    act(() => pending.get('done')!(ok([jobFixture({ id: 2, status: 'done' })])));
    await waitFor(() => expect(result.current.data?.[0]?.id).toBe(2));
    act(() => pending.get('dead')!(ok([jobFixture({ id: 1, status: 'dead' })])));
    await new Promise((r) => setTimeout(r, 20));
    expect(result.current.data?.[0]?.id).toBe(2);
    expect(result.current.loading).toBe(false);
  });

  it('keeps the last data when a refresh fails, and exposes the error', async () => {
    let healthy = true;
    const bridge = new FakeBridge({
      'jobs.list': () => (healthy ? ok([jobFixture({ id: 7 })]) : fail('unreachable', 'borte')),
    });
    const { result } = renderHook(() => useQuery('jobs.list', {}, { refreshOn: ['job.updated'], debounceMs: 10 }), {
      wrapper: wrapperFor(bridge),
    });
    await waitFor(() => expect(result.current.data?.[0]?.id).toBe(7));
    healthy = false;
    act(() => bridge.emit('job.updated', { id: 7, type: 't', status: 'done' }));
    await waitFor(() => expect(result.current.error?.code).toBe('unreachable'));
    expect(result.current.data?.[0]?.id).toBe(7);
  });

  it('unsubscribes from events on unmount', async () => {
    const bridge = new FakeBridge({ 'jobs.list': () => ok([]) });
    const { unmount } = renderHook(() => useQuery('jobs.list', {}, { refreshOn: ['job.updated', 'status.changed'] }), {
      wrapper: wrapperFor(bridge),
    });
    expect(bridge.listenerCount('job.updated')).toBe(1);
    expect(bridge.listenerCount('status.changed')).toBe(1);
    unmount();
    expect(bridge.listenerCount('job.updated')).toBe(0);
    expect(bridge.listenerCount('status.changed')).toBe(0);
  });
});
