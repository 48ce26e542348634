import type { TFunction } from 'i18next';
import { jobsWsNb } from './jobs.messages';

type Tree = { readonly [k: string]: string | Tree };

/** Whether the messages hold a name for this technical name, looked up part by part ('noark.archive-receipt'). */
export function hasName(tree: Tree, name: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of name.split('.')) {
    if (typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return false;
    node = node[part];
  }
  return typeof node === 'string';
}

/** Every job type the messages name ('noark.archive-receipt' …): the search asks the hub for those whose name matches. */
export const NAMED_JOB_TYPES: readonly string[] = (function names(tree: Tree, prefix: string): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : names(v, `${prefix}${k}.`)));
})(jobsWsNb.types, '');

/** A job type in words (#14); one the UI does not know keeps its technical name. */
export function jobTypeName(t: TFunction, type: string): string {
  return hasName(jobsWsNb.types, type) ? t(`jobsWs.types.${type}`, { defaultValue: type }) : type;
}

/** A schedule in words; one the UI does not know keeps its technical name. */
export function scheduleName(t: TFunction, name: string): string {
  return hasName(jobsWsNb.schedules, name) ? t(`jobsWs.schedules.${name}`, { defaultValue: name }) : name;
}
