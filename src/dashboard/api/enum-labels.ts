import type { Api } from './graphql-client';
import { EnumLabelsQuery } from './overview-documents';

/** enum → value → Chinese label, as the API publishes them (enumLabels). */
export type EnumLabels = (enumName: string, value: string) => string;

export async function loadEnumLabels(api: Api): Promise<EnumLabels> {
  const { enumLabels } = await api.request(EnumLabelsQuery, {});
  const labels = new Map(enumLabels.map((l) => [`${l.enum}.${l.value}`, l.label]));
  // A value the API added after this build still shows, as the API writes it, rather than nothing.
  return (enumName, value) => labels.get(`${enumName}.${value}`) ?? value;
}
