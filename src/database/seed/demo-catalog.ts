/**
 * Vocabulary tables for the demo dataset: service templates (with the leaf
 * taxonomy codes they carry), organization archetypes, weekly opening-hour
 * patterns and the free-text snippets used in descriptions.
 */

export type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export const ALL_DAYS: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
export const WEEKDAYS: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

export interface Interval {
  byday: Day[];
  opens: string;
  /** Earlier than `opens` means the interval runs past midnight; '24:00' is end of day. */
  closes: string;
  notes?: string;
}

export const SCHEDULE_PATTERNS = {
  weekday: [{ byday: WEEKDAYS, opens: '09:00', closes: '17:00' }],
  weekdaySplit: [
    { byday: WEEKDAYS, opens: '08:30', closes: '12:00' },
    { byday: WEEKDAYS, opens: '13:00', closes: '16:30', notes: 'Closed for lunch 12:00-13:00.' },
  ],
  weekdaySat: [
    { byday: WEEKDAYS, opens: '08:00', closes: '18:00' },
    { byday: ['SA'], opens: '09:00', closes: '13:00' },
  ],
  evenings: [{ byday: ['MO', 'WE', 'FR'], opens: '17:00', closes: '21:00' }],
  weekend: [{ byday: ['SA', 'SU'], opens: '10:00', closes: '16:00', notes: 'Weekends only.' }],
  overnight: [{ byday: ['TH', 'FR', 'SA'], opens: '20:00', closes: '02:00', notes: 'Overnight: open until 2 a.m. the next morning.' }],
  lateNight: [
    { byday: ['MO', 'TU', 'WE', 'TH'], opens: '18:00', closes: '23:00' },
    { byday: ['FR', 'SA'], opens: '20:00', closes: '03:00', notes: 'Friday and Saturday nights until 3 a.m.' },
  ],
  appointment: [{ byday: ['TU', 'TH'], opens: '13:00', closes: '15:00', notes: 'By appointment; call ahead. Walk-ins seen if there is room.' }],
  otp: [
    { byday: WEEKDAYS, opens: '05:30', closes: '13:00', notes: 'Dosing hours. Counseling by appointment until 15:00.' },
    { byday: ['SA'], opens: '07:00', closes: '10:00', notes: 'Weekend dosing.' },
  ],
  dropin: [{ byday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], opens: '08:00', closes: '18:00' }],
  allDay: [{ byday: ALL_DAYS, opens: '00:00', closes: '24:00', notes: 'Open 24 hours, 7 days a week.' }],
} satisfies Record<string, Interval[]>;
export type PatternKey = keyof typeof SCHEDULE_PATTERNS;

export interface ServiceTemplate {
  name: string;
  description: string;
  /** Leaf taxonomy codes always attached. */
  codes: string[];
  /** Leaf codes attached with the given probability. */
  optional?: Array<[code: string, probability: number]>;
}

export const SERVICE_TEMPLATES = {
  syringe: {
    name: 'Syringe services',
    description: 'Sterile syringes and injection supplies, and collection of used syringes.',
    codes: ['service.syringe-services.syringe-exchange', 'service.syringe-services.syringe-disposal'],
    optional: [
      ['service.syringe-services.safer-use-supplies', 0.85],
      ['service.syringe-services.safer-smoking-supplies', 0.5],
      ['service.drug-checking.fentanyl-test-strips', 0.7],
      ['service.drug-checking.xylazine-test-strips', 0.4],
    ],
  },
  naloxone: {
    name: 'Naloxone distribution',
    description: 'Free naloxone kits handed out with a short how-to.',
    codes: ['service.naloxone.distribution'],
    optional: [
      ['service.naloxone.overdose-response-training', 0.6],
      ['service.drug-checking.fentanyl-test-strips', 0.3],
    ],
  },
  training: {
    name: 'Overdose response training',
    description: 'Hands-on training in recognising an overdose and giving naloxone.',
    codes: ['service.naloxone.overdose-response-training'],
  },
  vending: {
    name: 'Naloxone vending machine',
    description: 'A free, no-questions-asked dispenser of naloxone kits and fentanyl test strips.',
    codes: ['service.naloxone.vending-machine', 'service.drug-checking.fentanyl-test-strips'],
  },
  byMail: {
    name: 'Naloxone by mail',
    description: 'Naloxone kits and test strips mailed in plain packaging anywhere in the state.',
    codes: ['service.naloxone.by-mail', 'service.drug-checking.fentanyl-test-strips'],
    optional: [['service.drug-checking.xylazine-test-strips', 1]],
  },
  methadone: {
    name: 'Methadone treatment (opioid treatment program)',
    description: 'Daily methadone dosing with counseling at a licensed opioid treatment program.',
    codes: ['service.moud.methadone'],
    optional: [['service.moud.same-day-start', 0.3]],
  },
  buprenorphine: {
    name: 'Buprenorphine treatment',
    description: 'Buprenorphine prescribing with low-barrier follow-up visits.',
    codes: ['service.moud.buprenorphine'],
    optional: [
      ['service.moud.same-day-start', 0.5],
      ['service.moud.telehealth-prescribing', 0.35],
    ],
  },
  naltrexone: {
    name: 'Naltrexone treatment',
    description: 'Oral and extended-release injectable naltrexone.',
    codes: ['service.moud.naltrexone'],
  },
  telehealth: {
    name: 'Telehealth buprenorphine',
    description: 'Video or phone visits to start or continue buprenorphine.',
    codes: ['service.moud.buprenorphine', 'service.moud.telehealth-prescribing'],
    optional: [['service.moud.same-day-start', 0.5]],
  },
  testing: {
    name: 'HIV and hepatitis C testing',
    description: 'Rapid HIV and hepatitis C tests with results the same day.',
    codes: ['service.testing-and-prevention.hiv-testing', 'service.testing-and-prevention.hcv-testing'],
    optional: [['service.testing-and-prevention.prep', 0.4]],
  },
  prep: {
    name: 'PrEP clinic',
    description: 'HIV pre-exposure prophylaxis prescriptions and follow-up testing.',
    codes: ['service.testing-and-prevention.prep', 'service.testing-and-prevention.hiv-testing'],
  },
  wound: { name: 'Wound care', description: 'Walk-in care for abscesses and other wounds.', codes: ['service.wound-care'] },
  drugChecking: {
    name: 'Drug checking',
    description: 'Test strips to take away, with help reading the results.',
    codes: ['service.drug-checking.fentanyl-test-strips', 'service.drug-checking.xylazine-test-strips'],
  },
  dropin: {
    name: 'Drop-in center',
    description: 'A place to rest, eat, shower and do laundry.',
    codes: ['service.basic-needs'],
    optional: [['service.peer-support', 0.6]],
  },
  peer: {
    name: 'Peer support',
    description: 'Support from staff with lived experience of drug use.',
    codes: ['service.peer-support'],
    optional: [['service.case-management', 0.5]],
  },
  caseManagement: {
    name: 'Case management and navigation',
    description: 'Help with housing, benefits, IDs and appointments.',
    codes: ['service.case-management'],
  },
  mentalHealth: {
    name: 'Mental health counseling',
    description: 'Counseling without an abstinence requirement.',
    codes: ['service.mental-health'],
  },
} satisfies Record<string, ServiceTemplate>;
export type TemplateKey = keyof typeof SERVICE_TEMPLATES;

export type Archetype = 'ssp' | 'naloxone' | 'otp' | 'obot' | 'fqhc' | 'dropin' | 'peer';

export interface ArchetypeSpec {
  label: string;
  core: TemplateKey;
  extras: TemplateKey[];
  kinds: string[];
  hours: Array<[PatternKey, number]>;
  /** Free, anonymous, walk-in programs rather than insurance-billing clinics. */
  lowBarrier: boolean;
  weight: number;
}

export const ARCHETYPES: Record<Archetype, ArchetypeSpec> = {
  ssp: {
    label: 'syringe services program',
    core: 'syringe',
    extras: ['naloxone', 'testing', 'wound', 'drugChecking', 'peer'],
    kinds: ['Harm Reduction Collective', 'Syringe Services Program', 'Harm Reduction Alliance'],
    hours: [
      ['weekday', 3],
      ['evenings', 2],
      ['overnight', 2],
      ['weekend', 1],
      ['lateNight', 1],
      ['appointment', 1],
    ],
    lowBarrier: true,
    weight: 0.25,
  },
  naloxone: {
    label: 'naloxone distribution program',
    core: 'naloxone',
    extras: ['training', 'drugChecking', 'peer'],
    kinds: ['Naloxone Project', 'Overdose Prevention Network'],
    hours: [
      ['weekday', 3],
      ['evenings', 2],
      ['weekend', 2],
      ['appointment', 1],
      ['allDay', 0.3],
    ],
    lowBarrier: true,
    weight: 0.12,
  },
  otp: {
    label: 'opioid treatment program',
    core: 'methadone',
    extras: ['buprenorphine', 'naltrexone', 'caseManagement', 'mentalHealth', 'testing'],
    kinds: ['Opioid Treatment Program', 'Methadone Clinic'],
    hours: [['otp', 1]],
    lowBarrier: false,
    weight: 0.1,
  },
  obot: {
    label: 'office-based addiction medicine clinic',
    core: 'buprenorphine',
    extras: ['naltrexone', 'telehealth', 'testing', 'prep', 'mentalHealth'],
    kinds: ['Recovery Medicine Clinic', 'Addiction Medicine Practice'],
    hours: [
      ['weekday', 3],
      ['weekdaySplit', 2],
      ['weekdaySat', 2],
      ['appointment', 1],
    ],
    lowBarrier: false,
    weight: 0.15,
  },
  fqhc: {
    label: 'community health center',
    core: 'testing',
    extras: ['prep', 'buprenorphine', 'naltrexone', 'mentalHealth', 'wound', 'caseManagement'],
    kinds: ['Community Health Center', 'Family Clinic'],
    hours: [
      ['weekdaySat', 3],
      ['weekday', 2],
      ['weekdaySplit', 2],
    ],
    lowBarrier: false,
    weight: 0.15,
  },
  dropin: {
    label: 'drop-in center',
    core: 'dropin',
    extras: ['wound', 'caseManagement', 'peer', 'naloxone', 'syringe'],
    kinds: ['Drop-in Center', 'Community Hub'],
    hours: [
      ['dropin', 3],
      ['weekday', 1],
      ['overnight', 1],
      ['allDay', 0.6],
    ],
    lowBarrier: true,
    weight: 0.13,
  },
  peer: {
    label: 'peer support network',
    core: 'peer',
    extras: ['caseManagement', 'mentalHealth', 'naloxone'],
    kinds: ['Peer Network', 'Peer Recovery Collective'],
    hours: [
      ['evenings', 3],
      ['weekday', 2],
      ['weekend', 1],
      ['appointment', 1],
    ],
    lowBarrier: true,
    weight: 0.1,
  },
};

/** Practice code, chance for low-barrier programs, chance for clinics. */
export const PRACTICES: Array<[code: string, lowBarrier: number, clinic: number]> = [
  ['practice.no-discharge-for-use', 0.5, 0.5],
  ['practice.no-abstinence-goal-required', 0.85, 0.4],
  ['practice.peer-staff', 0.7, 0.3],
  ['practice.participant-advisory-board', 0.4, 0.15],
  ['practice.secondary-distribution', 0.7, 0.1],
  ['practice.no-police-referral', 0.6, 0.3],
  ['practice.confidential-services', 0.8, 0.85],
  ['practice.overdose-education', 0.9, 0.6],
  ['practice.culturally-specific-services', 0.15, 0.15],
  ['practice.language-access', 0.3, 0.4],
];

export const POPULATIONS = [
  'population.youth',
  'population.women',
  'population.pregnant-parenting',
  'population.lgbtq',
  'population.veterans',
  'population.justice-involved',
  'population.unhoused',
  'population.sex-workers',
];

export const ORG_WORDS = [
  'Lantern',
  'Harborlight',
  'Crossroads',
  'Northstar',
  'Cedar Row',
  'Wayfinder',
  'Common Table',
  'Riverbend',
  'Sunrise Hill',
  'Kindred',
  'Beaconfield',
  'Keystone',
  'Evergreen',
  'Bridgeway',
  'Compass Rose',
  'Open Hand',
  'Willowmere',
  'Juniper',
  'Meadowlark',
  'Tidewater',
  'Firefly',
  'Sparrow',
  'Larkspur',
  'Mosaic',
  'Threshold',
  'Waypoint',
  'Second Wind',
  'Pinecrest',
  'Bluestem',
  'Quarry Hill',
];

export const ELIGIBILITY = {
  low: ['No eligibility requirements.', 'Anyone who uses drugs, and their friends and family.', 'Ages 16 and over; no ID needed.'],
  clinic: ['Adults 18 and over.', 'Adults with opioid use disorder; no referral needed.', 'New patients welcome; bring ID if you have one.'],
};

export const FEES = {
  low: ['Free.', 'Free; no insurance needed.'],
  clinic: ['Medicaid and most private insurance accepted; sliding scale for the uninsured.', 'Sliding-scale fees; nobody is turned away for inability to pay.'],
};

export const ACCESSIBLE_TEXT = [
  'Step-free entrance and an accessible restroom.',
  'Ramp at the side entrance; ring the bell for help.',
  'Ground-floor site with an accessible restroom.',
];
export const NOT_ACCESSIBLE_TEXT = 'Second floor without an elevator; staff can meet you at the street door.';
