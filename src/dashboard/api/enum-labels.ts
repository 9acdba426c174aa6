import type { Api } from './graphql-client';
import { EnumLabelsQuery } from './overview-documents';

/** enum → value → Chinese label, as the API publishes them (enumLabels). */
export type EnumLabels = (enumName: string, value: string) => string;

/** An enum's values in the API's order with their labels: the choices of a filter or a form. */
export type EnumChoices = (enumName: string) => { value: string; label: string }[];

export async function loadEnumLabels(api: Api): Promise<{ labels: EnumLabels; choices: EnumChoices }> {
  const { enumLabels } = await api.request(EnumLabelsQuery, {});
  const labels = new Map(enumLabels.map((l) => [`${l.enum}.${l.value}`, l.label]));
  return {
    // A value the API added after this build still shows, as the API writes it, rather than nothing.
    labels: (enumName, value) => labels.get(`${enumName}.${value}`) ?? value,
    choices: (enumName) => enumLabels.filter((l) => l.enum === enumName).map((l) => ({ value: l.value, label: l.label })),
  };
}
