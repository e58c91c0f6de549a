import { ADDRESS_VISIBILITIES, DAY_CODES, SERVICE_STATUSES } from '../../common/vocabularies';

/**
 * The HSDS 3.0 tabular tables this project reads and writes, shared by the
 * importer (parsers/hsds.parser.ts) and the package writer
 * (hsds-package.writer.ts).
 *
 * Field lists follow the official datapackage.json of openreferral/specification
 * (3.0, commit 279fd2eb): same files, same column order, same types and
 * constraints. Foreign keys to tables we never write (program, contact) are
 * left out so a package we write is self-consistent.
 *
 * Extension fields: HSDS 3.0 cannot say everything our records hold, so the
 * writer adds a few columns, all prefixed `x_` and declared in the
 * datapackage.json it writes (the HSDS JSON schemas allow extra properties):
 * - locations.x_location_type = 'mobile' (HSDS location_type is then 'physical')
 * - locations.x_address_visibility = 'approximate' (street address withheld)
 * - locations.x_coordinates_approximate = true (the point is not the site itself)
 * - locations.x_hours_description = hours as the source wrote them (free text)
 * - locations.x_city, x_state_province, x_postal_code, x_country: the area of
 *   a location that has no HSDS address: one whose street is withheld
 *   (x_address_visibility 'approximate'; no addresses.csv row is written for
 *   it, so no street ever leaves), or one whose address HSDS cannot hold
 *   because it is incomplete (a mobile or by-mail program known only by its
 *   city or state; HSDS requires address_1, city, state_province, postal_code)
 * - locations.x_address_1, x_address_2: the street of such an incomplete
 *   address, only when the address is public (never for 'approximate')
 * - phones.x_extension = an extension that is not a number (HSDS extension is one)
 * - service_areas.x_location_id = the location whose area it is (HSDS hangs
 *   service areas off services; ours belong to locations)
 * - schedules.x_timezone = IANA zone (HSDS timezone is only a number of hours)
 * - organizations, services, locations, service_at_location: x_source_id,
 *   x_licence, x_attribution = the record's data source (data_source id,
 *   licence, required credit), empty for records entered through our API.
 *   Extension columns rather than HSDS tables: metadata.csv is a change log
 *   (every row needs last_action_date/type, field_name, previous and
 *   replacement values), not provenance, and attributes.csv links taxonomy
 *   terms, which a licence and a credit line are not.
 * Any other HSDS reader can ignore them; our importer uses them when present.
 */

export interface TableSchemaField {
  name: string;
  type: 'string' | 'number' | 'integer' | 'date' | 'datetime' | 'time' | 'boolean';
  format?: 'uuid' | 'email' | 'uri';
  constraints?: { required?: boolean; unique?: boolean; enum?: string[]; minimum?: number; maximum?: number };
}

export interface TableForeignKey {
  fields: string | string[];
  reference: { resource: string; fields: string | string[] };
}

export interface HsdsTableSpec {
  /** resource name, as in the official datapackage.json ('organization') */
  name: string;
  /** file name ('organizations.csv') */
  path: string;
  fields: TableSchemaField[];
  foreignKeys: TableForeignKey[];
}

/** Without these an HSDS package has nothing we can place on the map. */
export const HSDS_REQUIRED_FILES = ['organizations.csv', 'services.csv', 'locations.csv', 'service_at_location.csv'] as const;

/** Every table the importer maps into an ImportBatch (plus taxonomies, read for term lookups). */
export const HSDS_IMPORTED_FILES = [
  ...HSDS_REQUIRED_FILES,
  'addresses.csv',
  'phones.csv',
  'schedules.csv',
  'languages.csv',
  'accessibility.csv',
  'service_areas.csv',
  'attributes.csv',
  'taxonomy_terms.csv',
  'taxonomies.csv',
] as const;

/** Official HSDS tables the importer validates but does not import (warned about when they hold rows). */
export const HSDS_UNIMPORTED_FILES = [
  'programs.csv',
  'contacts.csv',
  'funding.csv',
  'required_documents.csv',
  'cost_options.csv',
  'organization_identifiers.csv',
  'metadata.csv',
  'meta_table_descriptions.csv',
] as const;

export const HSDS_EXTENSION_FIELDS = {
  location: [
    'x_location_type',
    'x_address_visibility',
    'x_coordinates_approximate',
    'x_hours_description',
    'x_address_1',
    'x_address_2',
    'x_city',
    'x_state_province',
    'x_postal_code',
    'x_country',
  ],
  phone: ['x_extension'],
  service_area: ['x_location_id'],
  schedule: ['x_timezone'],
  /** on organization, service, location and service_at_location; written, not read back (see hsds-export.mapper.ts toHsdsProvenance) */
  provenance: ['x_source_id', 'x_licence', 'x_attribution'],
} as const;

const PROVENANCE = ' ' + HSDS_EXTENSION_FIELDS.provenance.join(' ');

/** How a non-numeric phone extension (x_extension) is appended to the phone's description, for readers that ignore x_ columns; our importer takes it off again. */
export function extensionNote(extension: string): string {
  return `ext. ${extension}`;
}

/** Our taxonomy, as published in HSDS (taxonomies.csv). */
export const HARM_REDUCTION_TAXONOMY = {
  name: 'harm-reduction',
  description: 'The harm-reduction directory taxonomy: services, access, transport, populations, practices and principles.',
} as const;

export const HSDS_LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const;
export const HSDS_SERVICE_STATUSES = SERVICE_STATUSES;
export const HSDS_DAYS = DAY_CODES;

/**
 * Compact field list: `name[:type][!][*]`; type is a Table Schema type or one
 * of the string formats uuid/email/uri; `!` = constraints.required, `*` =
 * constraints.unique. `id` is always the primary key and unique.
 */
function fields(spec: string, enums: Record<string, readonly string[]> = {}): TableSchemaField[] {
  return spec
    .split(/\s+/)
    .filter(Boolean)
    .map((token) => {
      const flags = /[!*]*$/.exec(token)![0];
      const [name, kind = 'string'] = token.slice(0, token.length - flags.length).split(':');
      const field: TableSchemaField =
        kind === 'uuid' || kind === 'email' || kind === 'uri' ? { name, type: 'string', format: kind } : { name, type: kind as TableSchemaField['type'] };
      const constraints: NonNullable<TableSchemaField['constraints']> = {
        required: flags.includes('!'),
        unique: name === 'id' || flags.includes('*'),
      };
      if (enums[name]) constraints.enum = [...enums[name]];
      field.constraints = constraints;
      return field;
    });
}

function fk(field: string, resource: string): TableForeignKey {
  return { fields: field, reference: { resource, fields: 'id' } };
}

export const HSDS_TABLES: readonly HsdsTableSpec[] = [
  {
    name: 'organization',
    path: 'organizations.csv',
    fields: fields(
      'id:uuid! name! alternate_name description! email:email website:uri tax_status tax_id year_incorporated:number ' +
        'legal_status logo uri:uri parent_organization_id:uuid' +
        PROVENANCE,
    ),
    foreignKeys: [],
  },
  {
    name: 'service',
    path: 'services.csv',
    fields: fields(
      'id:uuid! organization_id:uuid! program_id:uuid name! alternate_name description url:uri email:email status! ' +
        'interpretation_services application_process fees_description wait_time fees accreditations eligibility_description ' +
        'minimum_age:number maximum_age:number assured_date:date assurer_email:email licenses alert last_modified:datetime' +
        PROVENANCE,
      { status: HSDS_SERVICE_STATUSES },
    ),
    foreignKeys: [fk('organization_id', 'organization')],
  },
  {
    name: 'attribute',
    path: 'attributes.csv',
    fields: fields('id:uuid! link_id:uuid! taxonomy_term_id:uuid! link_type link_entity! value'),
    foreignKeys: [fk('taxonomy_term_id', 'taxonomy_term')],
  },
  {
    name: 'service_at_location',
    path: 'service_at_location.csv',
    fields: fields('id:uuid! service_id:uuid! location_id:uuid! description' + PROVENANCE),
    foreignKeys: [fk('service_id', 'service'), fk('location_id', 'location')],
  },
  {
    name: 'location',
    path: 'locations.csv',
    fields: fields(
      'id:uuid! location_type! url:uri organization_id:uuid name alternate_name description transportation ' +
        'latitude:number longitude:number external_identifier external_identifier_type ' +
        'x_location_type x_address_visibility x_coordinates_approximate:boolean x_hours_description' +
        PROVENANCE +
        ' ' +
        'x_address_1 x_address_2 x_city x_state_province x_postal_code x_country',
      { location_type: HSDS_LOCATION_TYPES, x_location_type: ['mobile'], x_address_visibility: ADDRESS_VISIBILITIES },
    ),
    foreignKeys: [fk('organization_id', 'organization')],
  },
  {
    name: 'phone',
    path: 'phones.csv',
    fields: fields(
      'id:uuid! location_id:uuid service_id:uuid organization_id:uuid contact_id:uuid service_at_location_id:uuid ' +
        'number! extension:number type description x_extension',
    ),
    foreignKeys: [
      fk('location_id', 'location'),
      fk('organization_id', 'organization'),
      fk('service_id', 'service'),
      fk('service_at_location_id', 'service_at_location'),
    ],
  },
  {
    name: 'address',
    path: 'addresses.csv',
    fields: fields('id:uuid! location_id:uuid attention address_1! address_2 city! region state_province! postal_code! country! address_type!', {
      address_type: HSDS_LOCATION_TYPES,
    }),
    foreignKeys: [fk('location_id', 'location')],
  },
  {
    name: 'schedule',
    path: 'schedules.csv',
    fields: fields(
      'id:uuid! service_id:uuid location_id:uuid service_at_location_id:uuid valid_from:date valid_to:date dtstart:date ' +
        'timezone:number until:date count:number wkst freq interval:number byday byweekno bymonthday byyearday description ' +
        'opens_at:time closes_at:time schedule_link:uri attending_type notes x_timezone',
      { wkst: HSDS_DAYS, freq: ['WEEKLY', 'MONTHLY'] },
    ),
    foreignKeys: [fk('location_id', 'location'), fk('service_id', 'service'), fk('service_at_location_id', 'service_at_location')],
  },
  {
    name: 'service_area',
    path: 'service_areas.csv',
    fields: fields('id:uuid! service_id:uuid name description extent extent_type uri x_location_id:uuid'),
    foreignKeys: [fk('service_id', 'service'), fk('x_location_id', 'location')],
  },
  {
    name: 'language',
    path: 'languages.csv',
    fields: fields('id:uuid! service_id:uuid location_id:uuid phone_id:uuid name code note'),
    foreignKeys: [fk('location_id', 'location'), fk('phone_id', 'phone'), fk('service_id', 'service')],
  },
  {
    name: 'accessibility',
    path: 'accessibility.csv',
    fields: fields('id:uuid! location_id:uuid description details url:uri'),
    foreignKeys: [fk('location_id', 'location')],
  },
  {
    name: 'taxonomy_term',
    path: 'taxonomy_terms.csv',
    fields: fields('id:uuid! code* name! description! parent_id:uuid taxonomy language taxonomy_id:uuid term_uri:uri'),
    foreignKeys: [fk('taxonomy_id', 'taxonomy')],
  },
  {
    name: 'taxonomy',
    path: 'taxonomies.csv',
    fields: fields('id:uuid! name! description! uri:uri version'),
    foreignKeys: [],
  },
];
