import type { Period } from '../../calendar/period';
import { isAtOrBeneath } from '../../auth/access';
import type { Context } from '../../context';
import { notFound } from '../../errors/app-error';
import { ProjectAssignment } from '../assignment/assignment.entity';
import { ProjectService } from '../project/project.service';
import { RollupService } from '../rollup/rollup.service';
import { isWithin, TenantService } from '../tenant/tenant.service';
import { BoundedStream } from '../../realtime/bounded-stream';
import { decodeCursor, type ChangeEvent } from '../../realtime/change-event';
import { changeStream, cursorExpired, slowConsumer } from '../../realtime/change-stream';
import { ProjectChange, type RollupTick } from './live.types';

/** Whether an event is about the watched subtree: its project is owned there or built there (属地). */
function concerns(event: ChangeEvent, watched: { path: string }): boolean {
  return isAtOrBeneath(event.tenantPath, watched.path) || (event.locationPath !== null && isAtOrBeneath(event.locationPath, watched.path));
}

/** Project ids the viewer holds an active assignment on (包抓), kept current from the stream itself. */
async function assignedProjects(ctx: Context): Promise<Set<string>> {
  const rows = await ctx.em.find(ProjectAssignment, { subject: ctx.viewer.subject, endedAt: null }, { fields: ['project'] });
  return new Set(rows.map((a) => a.project.id));
}

function followAssignments(event: ChangeEvent, subject: string, assigned: Set<string>): void {
  if (event.kind !== 'ASSIGNMENT_CHANGED' || !event.projectId) return;
  // The columns as the trigger wrote them: what access follows does not hang on how the API names them.
  if (event.stored['subject']?.after !== subject) return;
  if (event.stored['ended_at']?.after) assigned.delete(event.projectId);
  else assigned.add(event.projectId);
}

export interface ProjectChangesArgs {
  tenantCode: string;
  projectId?: string | null;
  after?: string | null;
}

/**
 * `projectChanged`: changes within a tenant's subtree (or to one project), each checked against
 * what the viewer may read at the moment it passes: their subtree, or a project they are assigned
 * to now (an assignment that ends stops the events it granted).
 */
export async function projectChanges(ctx: Context, args: ProjectChangesArgs): Promise<AsyncIterable<ProjectChange>> {
  const tenant = await new TenantService(ctx).get(args.tenantCode);
  const projectId = args.projectId ?? undefined;
  if (projectId) {
    const project = await new ProjectService(ctx).get(projectId);
    const owner = await ctx.loaders.tenant.byCode.load(project.owner.code);
    const site = project.location ? await ctx.loaders.tenant.byCode.load(project.location.code) : undefined;
    if (!(owner && isWithin(owner, tenant)) && !(site && isWithin(site, tenant))) throw notFound('Project', projectId);
  }
  const after = args.after ? decodeCursor(args.after) : undefined;
  if (after && (await ctx.live.isExpired(after))) throw cursorExpired('after');
  const assigned = await assignedProjects(ctx);
  // The stream outlives this request: it keeps plain values, never an entity (which would keep
  // the request's EntityManager and identity map alive for the subscription's lifetime).
  const { access, viewer } = ctx;
  const watched = { path: tenant.path };
  const limits = { limit: ctx.config.live.queueLimit, limitBytes: ctx.config.live.queueLimitBytes, socketBacklog: ctx.socketBacklog };
  return changeStream(
    ctx.live,
    limits,
    after,
    (event) => {
      followAssignments(event, viewer.subject, assigned);
      if (!concerns(event, watched)) return false;
      if (projectId && event.projectId !== projectId) return false;
      // Owned or built (属地) in what the viewer reads, as a project's reads go (ProjectAccess).
      return (
        access.readsProjectAt(event.tenantPath, event.locationPath ?? undefined) ||
        (event.projectId !== null && assigned.has(event.projectId))
      );
    },
    (event) => new ProjectChange(event),
  );
}

/**
 * `rollupChanged`: a tick now (the current figures), then one whenever something changes in the
 * tenant's subtree, at most one per interval; a burst ends with a tick after its last change, so
 * the dashboard always ends on the latest state. A consumer that is behind holds one tick at most.
 */
export async function rollupChanges(ctx: Context, tenantCode: string, period: Period): Promise<AsyncIterable<RollupTick>> {
  const { tenantEntity: tenant } = await new RollupService(ctx).rollupOf(tenantCode, period);
  const interval = ctx.config.live.rollupIntervalMs;
  const tick: RollupTick = { tenantCode: tenant.code, period };
  const watched = { path: tenant.path }; // plain values only, as in projectChanges
  let lastSent = 0;
  let timer: NodeJS.Timeout | undefined;
  // A tick is a few bytes; the rollup it stands for is read only when the consumer takes it.
  const stream = new BoundedStream<RollupTick>({
    limit: 1,
    limitBytes: ctx.config.live.queueLimitBytes,
    sizeOf: () => 0,
    overflow: slowConsumer,
    onClose: () => {
      clearTimeout(timer);
      unsubscribe();
    },
  });
  const send = () => {
    timer = undefined;
    lastSent = Date.now();
    if (stream.pending === 0) stream.push(tick);
  };
  const unsubscribe = ctx.live.subscribe((event) => {
    if (!concerns(event, watched) || timer) return;
    timer = setTimeout(send, Math.max(0, lastSent + interval - Date.now()));
  });
  send();
  return stream;
}
