import type { DomainModule } from '../domain-module';
import { BulletinPublication, BulletinPublicationLagging } from './bulletin-publication.entity';
import { BulletinRules } from './bulletin-rules.entity';
import { BulletinListReasonResolver, BulletinResolver, BulletinSectionTitleResolver } from './bulletin.resolver';

/** The monthly bulletin (月通报): read from the rollups' figures, a city's rules for it, and its published versions. */
export const bulletinModule: DomainModule = {
  name: 'bulletin',
  entities: [BulletinRules, BulletinPublication, BulletinPublicationLagging],
  resolvers: [BulletinResolver, BulletinSectionTitleResolver, BulletinListReasonResolver],
  auditedTables: ['bulletin_rule', 'bulletin_publication'],
};
