import { Construct } from 'constructs';

/**
 * A construct that groups the stack's resources by what they are for (identity, eventing, the API…)
 * without renaming them: the stack leaves a grouping out of its resources' logical ids (see
 * StatelessStack.allocateLogicalId), so composing the stack of groupings replaces nothing in a
 * deployed one — not the user pool, not the API's URL, not a function a pending schedule targets.
 */
export class Grouping extends Construct {}

/** The path of ids a resource would have directly under its stack, groupings left out. */
export const idsWithoutGroupings = (scopes: readonly Construct[]) =>
  scopes.filter((scope) => !(scope instanceof Grouping));
