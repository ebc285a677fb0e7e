import { backupEvents } from './backups/events/index.ts';
import { communicationEvents } from './communication/events/index.ts';
import { importEvents } from './imports/events/index.ts';
import { offboardingEvents } from './offboarding/events/index.ts';
import { peopleEvents } from './people/events/index.ts';
import { performanceEvents } from './performance/events/index.ts';

/**
 * Every event of the `hr` bus, area by area (each declared once, in shared/domain/<area>/events/).
 * A new area adds its events' index here.
 */
export const productEvents = [
  ...peopleEvents,
  ...offboardingEvents,
  ...backupEvents,
  ...importEvents,
  ...communicationEvents,
  ...performanceEvents,
] as const;
