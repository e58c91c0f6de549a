import type { DemoBuilder } from './demo-data.generator';
import { DEMO_METROS, circlePolygon, metroOf, texasServiceArea } from './demo-metros';

/**
 * Languages each metro's fixed syringe services program always offers, so the
 * demo shows every language of the mix at least once (American Sign Language,
 * `ase`, stays rare on purpose).
 */
const SSP_LANGUAGES: Record<string, string[]> = {
  dallas: ['es', 'vi'],
  'new-york': ['es', 'zh', 'ht', 'ase'],
  chicago: ['es', 'ar'],
  'los-angeles': ['es', 'ko', 'tl'],
  seattle: ['es', 'so', 'am', 'ase'],
  denver: ['es', 'ru'],
  phoenix: ['es'],
  atlanta: ['es', 'fr'],
  philadelphia: ['es', 'pt', 'vi'],
  anchorage: ['es', 'tl'],
  honolulu: ['haw', 'chk', 'tl'],
  'san-juan': ['es'],
  gallup: ['nv'],
};

/**
 * The fixed, named cases every demo must show, whatever the random part does:
 * a syringe services program per metro, a site with a withheld address, a 24/7
 * naloxone vending machine, a mobile outreach van, a statewide naloxone-by-mail
 * program, and one clinic for each of methadone, buprenorphine and naltrexone.
 */
const PINNED = { pinned: true };

export function addSpecialCases(b: DemoBuilder): void {
  const dallas = metroOf('dallas');

  for (const metro of DEMO_METROS) {
    const org = b.organization(metro, 'ssp', `Demo ${metro.name} Syringe Services Program`);
    const syringe = b.service(org, 'syringe', { langs: SSP_LANGUAGES[metro.key] ?? [], pinned: true });
    b.service(org, 'naloxone', PINNED);
    if (metro.randomOrganizations >= 4) b.service(org, 'testing', PINNED);
    b.data.meta.syringeProgramByMetro[metro.key] = org.row.id;
    if (metro.key === 'dallas') {
      // Some programs cannot publish their address (legal safety); they must still be findable.
      const hidden = b.site(org, {
        point: { lat: 32.7503, lng: -96.7602 },
        zip: '75215',
        visibility: 'approximate',
        pattern: 'weekday',
        name: 'Demo Dallas Syringe Services Program: South Dallas site (address withheld)',
        description: "Exact address shared by phone only, for participants' safety; listings show an approximate area. Demo data.",
        extraAttrs: ['access.anonymous', 'access.no-id-required', 'access.free'],
      });
      b.special('hiddenAddress', org, syringe, hidden);
      b.site(org);
    } else {
      b.site(org);
      b.site(org);
    }
    if (metro.randomOrganizations >= 4) b.site(org);
  }

  // A 24/7 naloxone vending machine in ZIP 75215, plus two hand-to-hand distribution sites.
  {
    const org = b.organization(dallas, 'naloxone', 'Demo Dallas Naloxone Access Project');
    const vending = b.service(org, 'vending', PINNED);
    const distribution = b.service(org, 'naloxone', PINNED);
    const machine = b.site(org, {
      point: { lat: 32.7468, lng: -96.7631 },
      zip: '75215',
      pattern: 'allDay',
      offered: [vending],
      name: 'Demo Dallas Naloxone Access Project: South Dallas 24/7 vending machine',
      description: 'A free naloxone vending machine in the entryway of a fictional community center. Demo data.',
      salDescription: 'Dispenses free naloxone kits and fentanyl test strips; no ID, no questions.',
      extraAttrs: ['access.free', 'access.no-id-required', 'access.anonymous', 'access.no-prescription-needed', 'access.walk-in'],
    });
    b.special('vendingMachine', org, vending, machine);
    b.site(org, { offered: [distribution] });
    b.site(org, { offered: [distribution] });
  }

  // A mobile outreach van: a base point plus a ~15 km service area around downtown Dallas.
  {
    const org = b.organization(dallas, 'ssp', 'Demo Dallas Mobile Harm Reduction Van');
    const syringe = b.service(org, 'syringe', PINNED);
    b.service(org, 'naloxone', PINNED);
    b.service(org, 'wound', PINNED);
    const van = b.site(org, {
      type: 'mobile',
      point: { lat: 32.7612, lng: -96.7841 },
      pattern: 'lateNight',
      name: 'Demo Dallas Mobile Harm Reduction Van',
      description: 'A fictional outreach van. The point is where it parks between runs; it stops anywhere in its service area. Demo data.',
      serviceArea: circlePolygon(dallas.center, 15, 32),
      serviceAreaDescription: 'Within about 15 km of downtown Dallas, including South Dallas, Fair Park and Oak Cliff.',
      extraAttrs: ['access.free', 'access.anonymous', 'access.no-id-required'],
    });
    b.special('mobileVan', org, syringe, van);
  }

  // Naloxone by mail anywhere in Texas: a virtual location with no point, only a statewide area.
  {
    const org = b.organization(
      dallas,
      'naloxone',
      'Demo Texas Naloxone by Mail',
      'Demo data: a fictional statewide naloxone-by-mail program for Texas. Not a real provider; do not use for referrals.',
    );
    const mail = b.service(org, 'byMail', { langs: ['es', 'vi', 'ase'], pinned: true });
    b.service(org, 'training', PINNED);
    const statewide = b.site(org, {
      type: 'virtual',
      pattern: 'weekday',
      offered: org.services,
      name: 'Demo Texas Naloxone by Mail (statewide)',
      description: 'Orders online or by phone; kits ship in plain packaging to any Texas address. Demo data.',
      serviceArea: texasServiceArea(),
      serviceAreaDescription: 'All of Texas.',
      salDescription: 'Online orders any time; the hours are for the phone line.',
      extraAttrs: [
        'transport.delivery-by-mail',
        'access.free',
        'access.no-prescription-needed',
        'access.anonymous',
        'access.no-id-required',
        'access.no-insurance-required',
      ],
    });
    b.phone(dallas, { service_id: mail.row.id }, 'voice', 'Statewide order line', '512');
    b.phone(dallas, { service_id: mail.row.id }, 'text', 'Order by text message', '512');
    b.phone(dallas, { service_id: mail.row.id }, 'video', 'American Sign Language video line', '512');
    b.special('naloxoneByMail', org, mail, statewide);
  }

  // One MOUD clinic for each medication; methadone only at an opioid treatment program.
  {
    const org = b.organization(dallas, 'otp', 'Demo South Dallas Opioid Treatment Program');
    const methadone = b.service(org, 'methadone', PINNED);
    b.service(org, 'buprenorphine', PINNED);
    b.service(org, 'caseManagement', PINNED);
    const clinic = b.site(org, { point: { lat: 32.7395, lng: -96.772 }, pattern: 'otp', extraAttrs: ['access.medicaid-accepted'] });
    b.site(org, { pattern: 'otp' });
    b.special('methadoneClinic', org, methadone, clinic);
  }
  {
    const ny = metroOf('new-york');
    const org = b.organization(ny, 'obot', 'Demo Bronx Same-Day Buprenorphine Clinic');
    const bup = b.service(org, 'buprenorphine', { langs: ['ase'], pinned: true });
    b.service(org, 'telehealth', PINNED);
    b.service(org, 'testing', PINNED);
    const clinic = b.site(org, { point: { lat: 40.8187, lng: -73.9195 }, pattern: 'weekdaySat', extraAttrs: ['access.walk-in'] });
    b.site(org);
    b.special('buprenorphineClinic', org, bup, clinic);
  }
  {
    const denver = metroOf('denver');
    const org = b.organization(denver, 'obot', 'Demo Denver Naltrexone and Recovery Medicine Clinic');
    const naltrexone = b.service(org, 'naltrexone', PINNED);
    b.service(org, 'buprenorphine', PINNED);
    b.service(org, 'mentalHealth', PINNED);
    const clinic = b.site(org, { point: { lat: 39.7405, lng: -104.979 }, pattern: 'weekday' });
    b.site(org);
    b.special('naltrexoneClinic', org, naltrexone, clinic);
  }
}
