import { describe, expect, it } from 'vitest';
import * as core from '../../electron/core/desk/desk.types';
import { DESK_ROLES } from '../../electron/app/config/config.schema';
import * as ipc from '../../electron/ipc/desk.contract';

// ipc may not import core: the contract writes the desk's lists again, and this keeps them equal
describe('desk vocabulary', () => {
  it('is the same in core, the contract and the configuration', () => {
    expect([...ipc.ROLES]).toEqual([...core.ROLES]);
    expect([...DESK_ROLES]).toEqual([...core.ROLES]);
    expect([...ipc.CASE_STATUSES]).toEqual([...core.CASE_STATUSES]);
    expect([...ipc.OUTCOMES]).toEqual([...core.OUTCOMES]);
    expect([...ipc.TIMELINE_KINDS]).toEqual([...core.TIMELINE_KINDS]);
  });
});
