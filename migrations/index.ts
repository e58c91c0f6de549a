import { InitialSchema1764140000000 } from './1764140000000-InitialSchema';
import { HarmReductionTaxonomy1764140000001 } from './1764140000001-HarmReductionTaxonomy';
import { IsoLanguages1764140000002 } from './1764140000002-IsoLanguages';
import { SearchSupport1764140000003 } from './1764140000003-SearchSupport';
import { WritesAndProvenance1764140000004 } from './1764140000004-WritesAndProvenance';
import { DemoDataSource1764140000005 } from './1764140000005-DemoDataSource';
import { TaxonomyAliasesAndSpanish1764140000006 } from './1764140000006-TaxonomyAliasesAndSpanish';
import { PhoneOriginalText1764140000007 } from './1764140000007-PhoneOriginalText';
import { CursorSecret1764140000008 } from './1764140000008-CursorSecret';
import { SearchProjection1764140000009 } from './1764140000009-SearchProjection';
import { RecordDocuments1764140000010 } from './1764140000010-RecordDocuments';
import { InlinableOpeningHours1764140000011 } from './1764140000011-InlinableOpeningHours';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list
 * works under ts-node, Jest and the compiled dist/ build.
 */
export const ALL_MIGRATIONS = [
  InitialSchema1764140000000,
  HarmReductionTaxonomy1764140000001,
  IsoLanguages1764140000002,
  SearchSupport1764140000003,
  WritesAndProvenance1764140000004,
  DemoDataSource1764140000005,
  TaxonomyAliasesAndSpanish1764140000006,
  PhoneOriginalText1764140000007,
  CursorSecret1764140000008,
  SearchProjection1764140000009,
  RecordDocuments1764140000010,
  InlinableOpeningHours1764140000011,
];
