import { shallowRef, type ShallowRef } from 'vue';
import type { CascaderOption } from 'element-plus';
import type { Api } from '../api/graphql-client';
import { TenantChoicesQuery } from '../api/project-documents';

/**
 * The places a viewer may filter a list by, as a cascader's options: their own tenant and what lies
 * beneath it (a town officer has none below). Empty until the API answers, and when it refuses.
 */
export function useTenantChoices(api: Api, tenantCode: string): ShallowRef<CascaderOption[]> {
  const options = shallowRef<CascaderOption[]>([]);
  api.request(TenantChoicesQuery, { code: tenantCode }).then(
    ({ tenant }) => (options.value = [tenant as CascaderOption]),
    () => (options.value = []),
  );
  return options;
}
