import { computed, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { ApiError, apiErrorOf } from './graphql-client';

/** A page of a list as the API's connections give it. */
export interface ConnectionPage<T> {
  readonly totalCount: number;
  readonly nodes: readonly T[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
}

/**
 * A list read from the API a page at a time with its cursors: the API pages forward only, so the
 * view keeps the cursors of the pages before to go back. A change of `filter` starts again at the
 * first page; an answer overtaken by a newer read is dropped.
 */
export function useKeysetPages<T>(filter: WatchSource, read: (after: string | null) => Promise<ConnectionPage<T>>, pageSize: number) {
  const rows = shallowRef<T[]>([]);
  const total = ref(0);
  const failure = ref<ApiError>();
  const loading = ref(false);
  const cursors: Ref<(string | null)[]> = ref([null]);
  const nextCursor = ref<string | null>(null);

  let current = 0;
  async function load(after: string | null): Promise<void> {
    const mine = ++current;
    loading.value = true;
    failure.value = undefined;
    try {
      const page = await read(after);
      if (mine !== current) return;
      rows.value = [...page.nodes];
      total.value = page.totalCount;
      nextCursor.value = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
    } catch (error) {
      if (mine !== current) return;
      rows.value = [];
      failure.value = apiErrorOf(error);
    } finally {
      if (mine === current) loading.value = false;
    }
  }

  watch(
    filter,
    () => {
      cursors.value = [null];
      void load(null);
    },
    { immediate: true },
  );

  return {
    rows,
    total,
    failure,
    loading,
    nextCursor,
    pageNumber: computed(() => cursors.value.length),
    pages: computed(() => Math.max(1, Math.ceil(total.value / pageSize))),
    /** The page shown, read again (after a step changed a row). */
    reload: () => load(cursors.value[cursors.value.length - 1] ?? null),
    next(): void {
      if (!nextCursor.value) return;
      cursors.value = [...cursors.value, nextCursor.value];
      void load(nextCursor.value);
    },
    previous(): void {
      if (cursors.value.length < 2) return;
      cursors.value = cursors.value.slice(0, -1);
      void load(cursors.value[cursors.value.length - 1] ?? null);
    },
  };
}
