import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared harm-reduction vocabulary (shared/docs/taxonomy.md), frozen here
 * as reference data. Codes are stable API: never rename one in a later
 * migration, add a new term instead. Names and descriptions may be reworded.
 *
 * TERMS is listed in display order, parents before their children. Each row
 * is [code, name, description]; the parent is the code minus its last
 * segment, the branch is its first segment, and sort_order is the term's
 * position (from 1) among its siblings in this list.
 */
type TermRow = readonly [code: string, name: string, description: string];

const TERMS: readonly TermRow[] = [
  // Branch roots
  [
    'principle',
    'Harm-reduction principles',
    'The eight principles of harm reduction stated by the National Harm Reduction Coalition. A provider does not offer a principle directly; it shows one through the practices it declares.',
  ],
  [
    'service',
    'Services',
    'Concrete services a program provides, such as syringe services, naloxone, medications for opioid use disorder, drug checking and testing.',
  ],
  [
    'access',
    'Access (low-barrier practices)',
    'How low the barrier is to get served: cost, insurance, paperwork, appointments, hours and requirements a person must meet.',
  ],
  [
    'transport',
    'Transport and reach',
    'How people can get to a program, or how the program reaches them: transit, rides, outreach, mail, telehealth and physical accessibility.',
  ],
  [
    'population',
    'Populations served',
    "Groups of people a program is designed for or especially welcomes. A population tag alone does not mean others are turned away; check the listing's eligibility.",
  ],
  [
    'practice',
    'Practices',
    'Concrete, checkable ways a program works. Each practice is evidence for the harm-reduction principles it enacts, so apps can find programs by principle.',
  ],

  // 1. Principles (National Harm Reduction Coalition)
  [
    'principle.accept-and-reduce-harm',
    'Accept drug use and reduce its harms',
    'Accepts that people use drugs and works to minimise the harm, rather than ignoring or condemning people who use them.',
  ],
  [
    'principle.spectrum-of-use',
    'Drug use as a spectrum',
    'Sees drug use as a spectrum, from severe use to total abstinence, and recognises that some ways of using are safer than others.',
  ],
  [
    'principle.wellbeing-first',
    'Well-being as the measure of success',
    'Measures success by individual and community quality of life and well-being, not necessarily by whether a person stops using drugs.',
  ],
  [
    'principle.non-judgmental',
    'Non-judgmental and non-coercive',
    'Offers services and resources without judgment or coercion: people are not shamed, punished or pressured for using drugs.',
  ],
  [
    'principle.voice-of-people-who-use-drugs',
    'Voice of people who use drugs',
    'People who use drugs, and people who have used them, shape the programs and policies meant to serve them.',
  ],
  [
    'principle.peer-empowerment',
    'People who use drugs as agents of change',
    'Treats people who use drugs as the primary agents of reducing the harms of their drug use, and supports them in sharing information and helping each other.',
  ],
  [
    'principle.social-inequalities',
    'Addressing social inequalities',
    "Recognises that poverty, class, racism, isolation, past trauma, sex-based discrimination and other social inequalities affect people's vulnerability to, and capacity for dealing with, drug-related harm.",
  ],
  ['principle.real-harms', 'Honest about real harms', 'Does not minimise or ignore the real and tragic harm and danger that can come with drug use.'],

  // 2. Services
  [
    'service.syringe-services',
    'Syringe services',
    'Programs that give out sterile injection equipment and other safer-use supplies and take back used syringes, often called syringe services programs (SSPs).',
  ],
  [
    'service.syringe-services.syringe-exchange',
    'Syringe exchange',
    'Sterile syringes and needles are given out and used ones can be returned. Many programs do not require a one-for-one exchange.',
  ],
  [
    'service.syringe-services.syringe-disposal',
    'Syringe disposal',
    'A safe way to get rid of used syringes and needles, such as sharps containers, drop boxes or disposal kiosks.',
  ],
  [
    'service.syringe-services.safer-use-supplies',
    'Safer-use supplies',
    'Supplies that make using drugs safer and stop equipment from being shared, such as cookers, cottons, sterile water, tourniquets, alcohol pads and pipes.',
  ],
  [
    'service.syringe-services.safer-smoking-supplies',
    'Safer smoking supplies',
    'Supplies for smoking drugs more safely, such as glass pipes, mouthpieces and screens, which reduce burns, cuts and shared equipment.',
  ],

  [
    'service.naloxone',
    'Naloxone',
    'Naloxone (for example Narcan) is a medicine that reverses an opioid overdose. Programs with this term give it out or teach people how to use it.',
  ],
  [
    'service.naloxone.distribution',
    'Naloxone distribution',
    'Naloxone handed out in person, hand to hand, usually free and often with a short demonstration of how to use it.',
  ],
  [
    'service.naloxone.vending-machine',
    'Naloxone vending machine',
    'A machine or box that dispenses naloxone, often free and around the clock, without having to talk to staff. Check whether the building it is in is open 24/7.',
  ],
  ['service.naloxone.by-mail', 'Naloxone by mail', "Naloxone sent by mail to a person's home or another address, usually in plain packaging."],
  [
    'service.naloxone.overdose-response-training',
    'Overdose response training',
    'Training on how to recognise an overdose, give naloxone and keep a person breathing until help arrives.',
  ],

  [
    'service.moud',
    'Medications for opioid use disorder (MOUD)',
    'Prescribing or dispensing medications for opioid use disorder: buprenorphine, methadone or naltrexone. These medicines lower the risk of overdose and death.',
  ],
  [
    'service.moud.buprenorphine',
    'Buprenorphine',
    "Buprenorphine (for example Suboxone or Sublocade) eases withdrawal and cravings and lowers overdose risk. It can be prescribed at a clinic, a doctor's office or by telehealth.",
  ],
  [
    'service.moud.methadone',
    'Methadone',
    'Methadone for opioid use disorder, which only certified opioid treatment programs (OTPs) can dispense, usually with daily visits at first.',
  ],
  [
    'service.moud.naltrexone',
    'Naltrexone',
    'Naltrexone (for example the monthly Vivitrol injection) blocks the effects of opioids. A person usually has to be off opioids for 7 to 10 days before starting it.',
  ],
  [
    'service.moud.telehealth-prescribing',
    'MOUD by telehealth',
    'A clinician can start or continue medication for opioid use disorder, usually buprenorphine, through a video or phone visit.',
  ],
  [
    'service.moud.same-day-start',
    'Same-day medication start',
    'A person can usually get a first dose or prescription on the day they ask, without a waiting list.',
  ],

  [
    'service.drug-checking',
    'Drug checking',
    'Testing drugs to find out what is in them, such as fentanyl or xylazine, so people can make safer choices about using.',
  ],
  [
    'service.drug-checking.fentanyl-test-strips',
    'Fentanyl test strips',
    'Strips that show whether a drug sample contains fentanyl, given out to take away or used on site.',
  ],
  [
    'service.drug-checking.xylazine-test-strips',
    'Xylazine test strips',
    'Strips that show whether a drug sample contains xylazine ("tranq"), an animal sedative that naloxone does not reverse and that can cause severe wounds.',
  ],
  [
    'service.drug-checking.spectrometry',
    'Drug checking with a spectrometer',
    'Testing a sample with a spectrometer (for example FTIR or mass spectrometry), which can identify many substances in it, not just one.',
  ],

  [
    'service.testing-and-prevention',
    'Testing and prevention',
    'Testing, vaccines and prevention for infections that can spread through drug use or sex, such as HIV and hepatitis C.',
  ],
  [
    'service.testing-and-prevention.hiv-testing',
    'HIV testing',
    'Testing for HIV, often rapid with results the same day, with help getting treatment if the result is positive.',
  ],
  [
    'service.testing-and-prevention.hcv-testing',
    'Hepatitis C (HCV) testing',
    'Testing for hepatitis C, with help getting treatment, which can cure it, if the result is positive.',
  ],
  [
    'service.testing-and-prevention.prep',
    'PrEP for HIV prevention',
    'Pre-exposure prophylaxis: medicine taken before exposure that greatly lowers the chance of getting HIV, prescribed on site or by referral.',
  ],
  ['service.testing-and-prevention.vaccination', 'Vaccinations', 'Vaccines such as hepatitis A and B, tetanus, flu and COVID-19.'],

  [
    'service.wound-care',
    'Wound care',
    'Care for abscesses, skin infections and other wounds, including wounds linked to xylazine, and supplies to care for them at home.',
  ],
  [
    'service.overdose-prevention-center',
    'Overdose prevention center',
    'A supervised place to use drugs a person has brought, with trained staff ready to respond to an overdose; also called supervised consumption. Operates only where legally allowed.',
  ],
  [
    'service.peer-support',
    'Peer support',
    'Support from trained peers who have lived experience of drug use, such as outreach, accompaniment and someone to talk to.',
  ],
  [
    'service.case-management',
    'Case management and navigation',
    'Help finding and coordinating other services, such as housing, benefits, health care, treatment and ID documents.',
  ],
  ['service.basic-needs', 'Basic needs', 'Essentials such as food, showers, laundry, clothing and hygiene supplies.'],
  ['service.mental-health', 'Mental health care', 'Counseling, therapy or psychiatric care for people who use drugs.'],

  // 3. Access: how low the barrier is
  ['access.walk-in', 'Walk-ins welcome', 'No appointment is needed: people can come in during open hours and be seen.'],
  ['access.no-id-required', 'No ID required', 'People can get services without showing a photo ID or other identity documents.'],
  ['access.no-insurance-required', 'No insurance required', 'People without health insurance can get services.'],
  ['access.free', 'Free', 'Services are free of charge to the person receiving them.'],
  ['access.sliding-scale', 'Sliding-scale fees', 'Fees are lowered based on income or ability to pay.'],
  ['access.medicaid-accepted', 'Medicaid accepted', 'Medicaid is accepted as payment.'],
  ['access.anonymous', 'Anonymous', 'People can be served without giving their name or other details that identify them.'],
  ['access.open-24-7', 'Open 24/7', 'Open 24 hours a day, 7 days a week.'],
  ['access.no-abstinence-requirement', 'No abstinence requirement', 'People do not have to stop using drugs, or pass a drug test, to get services.'],
  ['access.no-prescription-needed', 'Naloxone without a prescription', 'Naloxone is available here without a prescription.'],

  // Transport and reach
  ['transport.near-public-transit', 'Near public transit', 'Within a short walk of a bus, train or other public transit stop.'],
  [
    'transport.transportation-provided',
    'Transportation provided',
    'The program offers rides, transit passes or vouchers to get to the service or to appointments.',
  ],
  [
    'transport.mobile-outreach',
    'Mobile outreach',
    'Staff bring services to people, for example by van or street outreach, rather than waiting for them to come in.',
  ],
  ['transport.delivery-by-mail', 'Delivery by mail', 'Supplies, such as safer-use supplies, test strips or naloxone, can be sent by mail.'],
  ['transport.telehealth', 'Telehealth', 'Services are available by video or phone, without visiting in person.'],
  ['transport.wheelchair-accessible', 'Wheelchair accessible', 'The entrance and service areas can be used by people in wheelchairs.'],
  ['transport.parking', 'Parking available', 'Parking is available on site or nearby.'],

  // Populations served
  ['population.youth', 'Youth and young adults', 'Services designed for young people, such as teenagers and young adults.'],
  ['population.women', 'Women', 'Services designed for women, including trans women.'],
  ['population.pregnant-parenting', 'Pregnant and parenting people', 'Services designed for people who are pregnant or caring for children.'],
  ['population.lgbtq', 'LGBTQ+ people', 'Services designed for lesbian, gay, bisexual, transgender, queer and other LGBTQ+ people.'],
  ['population.veterans', 'Veterans', 'Services designed for military veterans.'],
  [
    'population.justice-involved',
    'People involved with the justice system',
    'Services for people recently released from jail or prison, on probation or parole, or otherwise involved with the legal system.',
  ],
  ['population.unhoused', 'People experiencing homelessness', 'Services designed for people who are unhoused or do not have stable housing.'],
  ['population.sex-workers', 'Sex workers', 'Services designed for people who trade sex.'],

  // 4. Practices: evidence for principles (links in PRACTICE_PRINCIPLES)
  [
    'practice.no-discharge-for-use',
    'No discharge for drug use',
    'Care continues when someone uses drugs during treatment or while in the program; using is not a reason to be discharged.',
  ],
  [
    'practice.no-abstinence-goal-required',
    'Abstinence not required as a goal',
    'People can take part without aiming to stop using; goals such as using more safely or using less are supported.',
  ],
  ['practice.peer-staff', 'Peer staff with lived experience', 'The program employs staff with lived experience of drug use.'],
  [
    'practice.participant-advisory-board',
    'Participant advisory board',
    'People who use the program sit on a board that advises on, and helps decide, how it is run.',
  ],
  [
    'practice.secondary-distribution',
    'Secondary distribution allowed',
    'Participants may take supplies or naloxone for other people who cannot come in themselves.',
  ],
  [
    'practice.no-police-referral',
    'No police referral',
    'The program does not refer participants to police or share information with them because of drug use.',
  ],
  ['practice.confidential-services', 'Confidential services', 'What participants share, and the fact that they use the program, is kept confidential.'],
  [
    'practice.overdose-education',
    'Overdose education',
    'Honest information about the risks of the current drug supply, such as fentanyl and xylazine, and how to lower them.',
  ],
  [
    'practice.culturally-specific-services',
    'Culturally specific services',
    'Services designed by and for a particular cultural or community group, such as a Native American, Black or Latino community.',
  ],
  [
    'practice.language-access',
    'Language access',
    'Services are offered in languages other than English, through bilingual staff or interpreters, including sign language.',
  ],
];

/** [term code, system, external code] */
const CROSSWALKS: readonly (readonly [string, string, string])[] = [
  ['service.syringe-services', 'hl7-service-type', '107'],
  ['service.moud.buprenorphine', 'findtreatment', 'BU'],
  ['service.moud.methadone', 'findtreatment', 'METH'],
  ['service.moud.naltrexone', 'findtreatment', 'NU'],
  ['access.free', 'findtreatment', 'NP'],
  ['access.sliding-scale', 'findtreatment', 'SF'],
  ['access.medicaid-accepted', 'findtreatment', 'MD'],
  ['population.veterans', 'findtreatment', 'VET'],
];

/** Each practice and the principles it enacts. */
const PRACTICE_PRINCIPLES: readonly (readonly [string, readonly string[]])[] = [
  ['practice.no-discharge-for-use', ['principle.non-judgmental', 'principle.wellbeing-first']],
  ['practice.no-abstinence-goal-required', ['principle.accept-and-reduce-harm', 'principle.spectrum-of-use', 'principle.wellbeing-first']],
  ['practice.peer-staff', ['principle.peer-empowerment', 'principle.voice-of-people-who-use-drugs']],
  ['practice.participant-advisory-board', ['principle.voice-of-people-who-use-drugs']],
  ['practice.secondary-distribution', ['principle.peer-empowerment']],
  ['practice.no-police-referral', ['principle.non-judgmental', 'principle.social-inequalities']],
  ['practice.confidential-services', ['principle.non-judgmental', 'principle.social-inequalities']],
  ['practice.overdose-education', ['principle.real-harms']],
  ['practice.culturally-specific-services', ['principle.social-inequalities']],
  ['practice.language-access', ['principle.social-inequalities']],
];

interface TermRecord {
  code: string;
  branch: string;
  parent: string | null;
  name: string;
  description: string;
  sortOrder: number;
  depth: number;
}

function termRecords(): TermRecord[] {
  const siblings = new Map<string, number>();
  return TERMS.map(([code, name, description]) => {
    const segments = code.split('.');
    const parent = segments.length > 1 ? segments.slice(0, -1).join('.') : null;
    const sortOrder = (siblings.get(parent ?? '') ?? 0) + 1;
    siblings.set(parent ?? '', sortOrder);
    return { code, branch: segments[0], parent, name, description, sortOrder, depth: segments.length };
  });
}

/** One parameterized multi-row INSERT. */
async function insertRows(q: QueryRunner, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = row.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  await q.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(',\n')}`, params);
}

export class HarmReductionTaxonomy1764140000001 implements MigrationInterface {
  name = 'HarmReductionTaxonomy1764140000001';

  async up(q: QueryRunner): Promise<void> {
    const terms = termRecords();
    const maxDepth = Math.max(...terms.map((t) => t.depth));
    // One statement per level, so every parent exists before its children.
    for (let depth = 1; depth <= maxDepth; depth++) {
      await insertRows(
        q,
        'taxonomy_term',
        ['code', 'branch', 'parent_code', 'name', 'description', 'sort_order'],
        terms.filter((t) => t.depth === depth).map((t) => [t.code, t.branch, t.parent, t.name, t.description, t.sortOrder]),
      );
    }
    await insertRows(
      q,
      'taxonomy_crosswalk',
      ['term_code', 'system', 'code'],
      CROSSWALKS.map((c) => [...c]),
    );
    await insertRows(
      q,
      'practice_principle',
      ['practice_code', 'principle_code'],
      PRACTICE_PRINCIPLES.flatMap(([practice, principles]) => principles.map((p) => [practice, p])),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const terms = termRecords();
    await q.query(`DELETE FROM practice_principle WHERE practice_code = ANY($1::text[])`, [PRACTICE_PRINCIPLES.map(([practice]) => practice)]);
    await q.query(
      `DELETE FROM taxonomy_crosswalk t
        USING unnest($1::text[], $2::text[], $3::text[]) AS c(term_code, system, code)
        WHERE t.term_code = c.term_code AND t.system = c.system AND t.code = c.code`,
      [CROSSWALKS.map((c) => c[0]), CROSSWALKS.map((c) => c[1]), CROSSWALKS.map((c) => c[2])],
    );
    // Children before parents. Fails, as it should, while attributes still use a term.
    const maxDepth = Math.max(...terms.map((t) => t.depth));
    for (let depth = maxDepth; depth >= 1; depth--) {
      await q.query(`DELETE FROM taxonomy_term WHERE code = ANY($1::text[])`, [terms.filter((t) => t.depth === depth).map((t) => t.code)]);
    }
  }
}
