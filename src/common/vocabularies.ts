import { registerEnumType } from '@nestjs/graphql';

/**
 * The closed vocabularies of the directory, in one place: the REST schema (`enum:`), the validators (`IsIn`)
 * and GraphQL (one enum type each) read them from here; the database CHECK constraints hold the same lists.
 *
 * GraphQL value names are the REST strings themselves (`on_site`, `by_mail`, `MO`), not SCREAMING_CASE, so a
 * client moving between the two APIs compares the same values. The one REST value that is not a GraphQL name,
 * the HSDS service status "temporarily closed", is `temporarily_closed` in GraphQL (the server maps it).
 */
function graphqlEnum(name: string, values: readonly string[], description: string): Record<string, string> {
  const byName = Object.fromEntries(values.map((value) => [value.replace(/\W/g, '_'), value]));
  registerEnumType(byName, { name, description });
  return byName;
}

export const LOCATION_TYPES = ['physical', 'mobile', 'virtual'] as const;
export const LocationTypeEnum = graphqlEnum(
  'LocationType',
  LOCATION_TYPES,
  'physical: a fixed site; mobile: outreach stops or a van; virtual: by mail, phone or online.',
);

export const ADDRESS_VISIBILITIES = ['public', 'approximate'] as const;
export const AddressVisibilityEnum = graphqlEnum(
  'AddressVisibility',
  ADDRESS_VISIBILITIES,
  'approximate: the exact address is withheld; geometry and address show only the area.',
);

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export const ServiceStatusEnum = graphqlEnum('ServiceStatus', SERVICE_STATUSES, 'HSDS service status; "temporarily closed" is temporarily_closed here.');

export const PHONE_TYPES = ['voice', 'text', 'fax', 'cell', 'video', 'pager', 'textphone'] as const;
export const PhoneTypeEnum = graphqlEnum('PhoneType', PHONE_TYPES, 'HSDS phone type.');

export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const DayCodeEnum = graphqlEnum('DayCode', DAY_CODES, 'iCalendar (RFC 5545) day code.');

export const SCHEDULE_FREQUENCIES = ['WEEKLY'] as const;
export const ScheduleFrequencyEnum = graphqlEnum('ScheduleFrequency', SCHEDULE_FREQUENCIES, 'iCalendar recurrence; every listed schedule is weekly.');

export const TAXONOMY_BRANCHES = ['principle', 'service', 'access', 'transport', 'population', 'practice'] as const;
export const TaxonomyBranchEnum = graphqlEnum('TaxonomyBranch', TAXONOMY_BRANCHES, 'Top-level branch of the harm-reduction taxonomy.');

/** Kinds of directory record. The order is part of the sync feed's cursors: append only. */
export const RECORD_KINDS = ['organization', 'service', 'location', 'service_at_location'] as const;
export const RecordKindEnum = graphqlEnum('RecordKind', RECORD_KINDS, 'A kind of directory record.');

export const PLACE_REACH = ['on_site', 'mobile'] as const;
export const PlaceReachEnum = graphqlEnum('PlaceReach', PLACE_REACH, 'on_site: a fixed site; mobile: an outreach stop or van.');

export const REACHING_REACH = ['mobile', 'by_mail'] as const;
export const ReachingReachEnum = graphqlEnum(
  'ReachingReach',
  REACHING_REACH,
  'by_mail: ships to this area; mobile: outreach that serves this area, with no stop in the search area.',
);

export const ORIGIN_SOURCES = ['near', 'postal_code', 'place', 'bbox'] as const;
export const OriginSourceEnum = graphqlEnum('OriginSource', ORIGIN_SOURCES, 'Which search parameter the origin came from.');

export const RADIUS_UNITS = ['km', 'mi'] as const;
export const RadiusUnitEnum = graphqlEnum('RadiusUnit', RADIUS_UNITS, 'Unit of a search radius.');
