import type { OffboardingTemplate } from '#domain/offboarding/template.ts';

/** The offboarding templates HR admins store; the built-in defaults apply where none is stored. */
export interface TemplateStore {
  stored(): Promise<(OffboardingTemplate & { version: number })[]>;
  /** Stores a template on condition of the version read (none: a first version); the new version. */
  put(template: OffboardingTemplate, expectedVersion: number | undefined): Promise<number>;
}
