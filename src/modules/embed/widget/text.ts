/** The widget's words, in the two languages it speaks, and the locale data that goes with them. */

export type Lang = 'en' | 'es';
export type Units = 'mi' | 'km';

/** The Intl locale of each language. */
export const LOCALES: Record<Lang, string> = { en: 'en-US', es: 'es-US' };
/** Distances in miles for English, kilometres for Spanish, unless the page asks (units="mi|km"). */
export const UNITS: Record<Lang, Units> = { en: 'mi', es: 'km' };
/** Language names Intl.DisplayNames does not know, or gets wrong. */
export const LANGUAGE_NAMES: Record<Lang, Partial<Record<string, string>>> = {
  en: { ase: 'American Sign Language' },
  es: { ase: 'Lengua de señas americana' },
};

const en = {
  title: 'Harm-reduction services near you',
  nearZip: 'Near ZIP code {zip}',
  nearPoint: 'Near the chosen point',
  nearYou: 'Near your location',
  useLocation: 'Use my location',
  locating: 'Finding your location…',
  locationFailed: 'Your location is not available ({reason}). Showing the previous results.',
  locationDenied: 'permission was denied',
  locationTimeout: 'it took too long',
  locationUnknown: 'the browser could not find it',
  loading: 'Loading services…',
  nearLabel: 'Near {label}',
  service1: '1 service',
  serviceN: '{n} services',
  place1: '1 place',
  placeN: '{n} places',
  found: '{services} at {places}.',
  reaching1: '1 more program serves your area.',
  reachingN: '{n} more programs serve your area.',
  alsoServing: 'Also serving your area',
  servicesHere: 'Services at {name}',
  none: 'No matching services found in this area.',
  error: 'Listings could not be loaded. {detail}',
  errorNetwork: 'Check your connection and try again.',
  retry: 'Try again',
  needWhere: 'Set a location for this listing: near="latitude,longitude" or postal-code="ZIP".',
  chooseLocation: 'Press “Use my location” to see services near you.',
  openNow: 'Open now',
  closed: 'Closed',
  closedOpens: 'Closed · {opens}',
  opensToday: 'Opens today at {time}',
  opensTomorrow: 'Opens tomorrow at {time}',
  opensOn: 'Opens {day} at {time}',
  hoursUnknown: 'Hours not listed: call ahead',
  open247: 'Open 24 hours, 7 days a week',
  allDay: 'All day',
  hours: 'Hours',
  where: 'Address',
  approx: 'Approximate area: {area}',
  approxNote: 'The exact address is not published.',
  directions: 'Directions',
  directionsTo: 'to {name}',
  newTab: '(opens in a new tab)',
  phone: 'Phone',
  /** Shown after a number of that type; voice numbers have none. */
  phoneTypes: { text: 'text', video: 'video', fax: 'fax', textphone: 'TTY', cell: 'cell', pager: 'pager' },
  ext: 'ext. {ext}',
  languages: 'Languages',
  serves: 'Serves',
  mobile: 'Mobile outreach',
  mobileNote: 'Comes to your area.',
  byMail: 'By mail',
  byMailNote: 'Ships to your area.',
  away: '{d} away',
  aboutAway: 'about {d} away',
  footer: 'Call ahead to confirm hours and services.',
};

/** Every string the widget shows: each language has them all, and no others. */
export type Text = typeof en;

const es: Text = {
  title: 'Servicios de reducción de daños cerca de usted',
  nearZip: 'Cerca del código postal {zip}',
  nearPoint: 'Cerca del punto elegido',
  nearYou: 'Cerca de su ubicación',
  useLocation: 'Usar mi ubicación',
  locating: 'Buscando su ubicación…',
  locationFailed: 'Su ubicación no está disponible ({reason}). Se muestran los resultados anteriores.',
  locationDenied: 'se negó el permiso',
  locationTimeout: 'tardó demasiado',
  locationUnknown: 'el navegador no pudo encontrarla',
  loading: 'Cargando servicios…',
  nearLabel: 'Cerca de {label}',
  service1: '1 servicio',
  serviceN: '{n} servicios',
  place1: '1 lugar',
  placeN: '{n} lugares',
  found: '{services} en {places}.',
  reaching1: 'Otro programa atiende su zona.',
  reachingN: 'Otros {n} programas atienden su zona.',
  alsoServing: 'También atienden su zona',
  servicesHere: 'Servicios en {name}',
  none: 'No se encontraron servicios en esta zona.',
  error: 'No se pudieron cargar los servicios. {detail}',
  errorNetwork: 'Revise su conexión e inténtelo de nuevo.',
  retry: 'Intentar de nuevo',
  needWhere: 'Indique una ubicación para esta lista: near="latitud,longitud" o postal-code="código postal".',
  chooseLocation: 'Pulse «Usar mi ubicación» para ver servicios cerca de usted.',
  openNow: 'Abierto ahora',
  closed: 'Cerrado',
  closedOpens: 'Cerrado · {opens}',
  opensToday: 'Abre hoy, {time}',
  opensTomorrow: 'Abre mañana, {time}',
  opensOn: 'Abre el {day}, {time}',
  hoursUnknown: 'Horario no indicado: llame antes',
  open247: 'Abierto las 24 horas, los 7 días',
  allDay: 'Todo el día',
  hours: 'Horario',
  where: 'Dirección',
  approx: 'Zona aproximada: {area}',
  approxNote: 'La dirección exacta no se publica.',
  directions: 'Cómo llegar',
  directionsTo: 'a {name}',
  newTab: '(se abre en una pestaña nueva)',
  phone: 'Teléfono',
  phoneTypes: { text: 'mensajes de texto', video: 'video', fax: 'fax', textphone: 'TTY', cell: 'celular', pager: 'buscapersonas' },
  ext: 'ext. {ext}',
  languages: 'Idiomas',
  serves: 'Atiende',
  mobile: 'Unidad móvil',
  mobileNote: 'Va a su zona.',
  byMail: 'Por correo',
  byMailNote: 'Envía a su zona.',
  away: 'a {d}',
  aboutAway: 'a unos {d}',
  footer: 'Llame antes para confirmar el horario y los servicios.',
};

export const TEXT: Record<Lang, Text> = { en, es };

/** fmt('Near ZIP code {zip}', { zip: '75215' }): placeholders without a value stay as written. */
export function fmt(template: string, values: Partial<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => {
    const value = values[key];
    return value === undefined ? all : String(value);
  });
}
