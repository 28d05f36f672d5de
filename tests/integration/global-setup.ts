import type { TestProject } from 'vitest/node';
import { startTestServices } from '../support/services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    mqttUrl: string;
    platformKey: string;
  }
}

export default async function setup(project: TestProject) {
  const services = await startTestServices({ label: 'it', historyDays: 3 });
  project.provide('databaseUrl', services.databaseUrl);
  project.provide('mqttUrl', services.mqttUrl);
  project.provide('platformKey', services.platformKey);
  return () => services.stop();
}
