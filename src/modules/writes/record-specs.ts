import { LocationInput } from './dto/location.input';
import { OrganizationInput } from './dto/organization.input';
import { ServiceAtLocationInput } from './dto/service-at-location.input';
import { ServiceInput } from './dto/service.input';
import { Entity } from './write-transaction';

export type AnyInput = OrganizationInput | ServiceInput | LocationInput | ServiceAtLocationInput;

/** A column a write may set: its value from the input, and how to bind it. */
export interface ColumnValue {
  column: string;
  value: unknown;
  /** SQL around the placeholder, e.g. to turn GeoJSON into geography */
  sql?: (placeholder: string) => string;
}

export interface RecordSpec {
  entity: Entity;
  /** fields a create must have */
  required: string[];
  /** scalar columns from the input (only the fields present in it) */
  columns: (input: AnyInput) => ColumnValue[];
  /** the detail lists this record owns */
  details: ('phones' | 'languages' | 'attributes' | 'schedules')[];
  /** records deleted with this one: [entity, foreign key column] */
  cascade: [Entity, string][];
}

function present<T extends object>(input: T, fields: (keyof T & string)[]): ColumnValue[] {
  return fields.filter((f) => input[f] !== undefined).map((f) => ({ column: f, value: input[f] }));
}

export const SPECS: Record<Entity, RecordSpec> = {
  organization: {
    entity: 'organization',
    required: ['name', 'description'],
    columns: (input) => present(input as OrganizationInput, ['name', 'description', 'website', 'email']),
    details: ['phones', 'attributes'],
    cascade: [
      ['service', 'organization_id'],
      ['location', 'organization_id'],
    ],
  },
  service: {
    entity: 'service',
    required: ['organization_id', 'name'],
    columns: (input) =>
      present(input as ServiceInput, [
        'organization_id',
        'name',
        'description',
        'status',
        'url',
        'email',
        'eligibility_description',
        'fees_description',
        'alert',
        'assured_date',
      ]),
    details: ['phones', 'languages', 'attributes'],
    cascade: [['service_at_location', 'service_id']],
  },
  location: {
    entity: 'location',
    required: ['organization_id', 'location_type', 'name'],
    columns: (input) => {
      const l = input as LocationInput;
      const values = present(l, [
        'organization_id',
        'location_type',
        'name',
        'description',
        'latitude',
        'longitude',
        'service_area_description',
        'address_visibility',
        'accessibility',
        'transportation',
      ]);
      if (l.service_area !== undefined) {
        values.push({
          column: 'service_area',
          value: l.service_area === null ? null : JSON.stringify(l.service_area),
          sql: (p) => `ST_Multi(ST_GeomFromGeoJSON(${p}::text))::geography`,
        });
      }
      if (l.address) values.push(...present(l.address, ['address_1', 'address_2', 'city', 'state_province', 'postal_code', 'country']));
      return values;
    },
    details: ['phones', 'languages', 'attributes', 'schedules'],
    cascade: [['service_at_location', 'location_id']],
  },
  service_at_location: {
    entity: 'service_at_location',
    required: ['service_id', 'location_id'],
    columns: (input) => present(input as ServiceAtLocationInput, ['service_id', 'location_id', 'description']),
    details: ['phones', 'schedules'],
    cascade: [],
  },
};
