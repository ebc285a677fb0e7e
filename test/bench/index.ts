import { bundleReport } from './bundles.ts';
import { customersReport } from './customers.ts';
import { httpStackReport } from './httpStack.ts';
import { offboardingReport } from './offboarding.ts';
import { peopleReport } from './people.ts';

/** `npm run bench`: numbers and ratios, never pass/fail. Each capability adds its section here. */
process.env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
console.log('== Function bundles: size and cold-start module initialisation ==');
console.log(bundleReport());
console.log('\n== HTTP stack: in-process overhead per request ==');
console.log(await httpStackReport());
console.log('\n== People: through the local HTTP API ==');
console.log(await peopleReport());
console.log('\n== Customers: through the local HTTP API ==');
console.log(await customersReport());
console.log('\n== Offboarding: resignations and their revocation plans ==');
console.log(await offboardingReport());
